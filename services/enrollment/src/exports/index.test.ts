import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as enrollment from './index.js';

it('exports exactly the documented public surface', () => {
  assert.deepEqual(Object.keys(enrollment).sort(), [
    'AssignmentParametersError', 'EnrollmentError', 'NotEnoughVerifiersError', 'assignVerifiers', 'assignmentStream', 'fieldsOfVerifier',
  ]);
});
