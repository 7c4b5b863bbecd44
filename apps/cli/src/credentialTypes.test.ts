import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliRunner } from './testing/cliProcess.js';

const subject = '0x70997970C51812dc3A010C7d01b50e044d17dc79';

/**
 * Which schema `credential issue` checks a type's attributes against, refused before any sign-in (so
 * no service runs here; the Passport issued end to end is in enrollment.test.ts).
 */
describe('identree credential issue: types and their schemas', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'identree-cli-types-'));
  // A port nothing listens on: any request would fail as unreachable (exit 4), not as the usage errors asserted.
  const cli = cliRunner({ IDENTREE_HOME: home, IDENTREE_SERVICE: 'http://127.0.0.1:9', IDENTREE_PASSPHRASE: 'a long test passphrase', IDENTREE_LIGHT_KDF: '1' });
  const issue = (...args: string[]) => cli(['credential', 'issue', '--subject', subject, ...args, '--json']);
  after(() => rmSync(home, { recursive: true, force: true }));

  it('names the types the registry knows, and how to issue one without a schema, for a type it does not', async () => {
    const r = await issue('--type', 'Wizardry', '--attr', 'level=9');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'unknown_credential_type');
    assert.equal(r.json.error.message, '"Wizardry" is not a credential type the registry knows: BirthCertificate, ScholarCurriculum, Passport, CarTitle');
    assert.match(r.json.error.hint, /\(Passport, CarTitle\) is issued with the Generic schema/);
  });

  it('still checks a Passport\'s attributes, against the Generic schema', async () => {
    const r = await issue('--type', 'Passport', '--attr', 'passportNumber=G1234567', '--attr', 'id=did:example:1');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'attributes_invalid');
    assert.equal(r.json.error.message, 'Attributes do not match the Generic schema: id is not an allowed attribute name');
  });

  it('checks a type with its own schema against that schema, not the Generic one', async () => {
    const r = await issue('--type', 'BirthCertificate', '--attr', 'givenName=Ana', '--attr', 'passportNumber=G1234567');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'attributes_invalid');
    assert.match(r.json.error.message, /^Attributes do not match the BirthCertificate schema: /);
    for (const attribute of ['passportNumber', 'birthDate', 'sex']) assert.match(r.json.error.message, new RegExp(`\\b${attribute} `));
  });
});
