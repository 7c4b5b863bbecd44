import { AssignmentParametersError, NotEnoughVerifiersError } from '../errors.js';
import { assignmentStream } from './assignmentStream.js';

export type AssignVerifiersParameters = {
  enrollmentId: `0x${string}`;
  /**
   * Randomness neither the enrollee nor a verifier controls: the hash of a block mined after the
   * enrollment's commitment was recorded (see the README on its bias).
   */
  beacon: `0x${string}`;
  /** The document's field names, in template order. */
  fields: readonly string[];
  /** Eligible verifiers (accredited, not suspended), each named once; the enrollee's own keys left out. */
  verifiers: readonly string[];
  /** Verifiers per field (default 3). */
  perField?: number;
  /** The most fields of one document any single verifier receives (k, default 2). */
  maxFieldsPerVerifier?: number;
};

export type AssignVerifiersReturnType = Record<string, string[]>;

/**
 * Draws each field's verifiers at random, from a seed fixed by the beacon and the enrollment: every
 * field gets `perField` distinct verifiers, and no verifier gets more than k fields of the document.
 * The same inputs always give the same assignment, so anyone can recompute and check it.
 *
 * @example
 * const assignment = assignVerifiers({ enrollmentId, beacon: block.hash, fields: ['Name', 'Sex'], verifiers });
 */
export function assignVerifiers({
  enrollmentId, beacon, fields, verifiers, perField = 3, maxFieldsPerVerifier = 2,
}: AssignVerifiersParameters): AssignVerifiersReturnType {
  if (!Number.isInteger(perField) || perField < 1) throw new AssignmentParametersError(`perField must be a positive integer, got ${perField}`);
  if (!Number.isInteger(maxFieldsPerVerifier) || maxFieldsPerVerifier < 1) {
    throw new AssignmentParametersError(`maxFieldsPerVerifier must be a positive integer, got ${maxFieldsPerVerifier}`);
  }
  if (new Set(verifiers).size !== verifiers.length) throw new AssignmentParametersError('a verifier is listed twice');
  if (new Set(fields).size !== fields.length) throw new AssignmentParametersError('a field is listed twice');
  const notEnough = () => new NotEnoughVerifiersError(fields.length, perField, verifiers.length, maxFieldsPerVerifier);
  if (verifiers.length < perField || verifiers.length * maxFieldsPerVerifier < fields.length * perField) throw notEnough();
  const stream = assignmentStream(beacon, enrollmentId);
  // Sorted so that the order in which a caller lists verifiers cannot steer the draw.
  const pool = [...verifiers].sort();
  const load = new Map(pool.map((v) => [v, 0]));
  const assignment: AssignVerifiersReturnType = {};
  for (const field of fields) {
    const chosen: string[] = [];
    for (let i = 0; i < perField; i++) {
      const open = pool.filter((v) => load.get(v)! < maxFieldsPerVerifier && !chosen.includes(v));
      // Capacity can run out on the last fields when it only just suffices; refusing beats breaking the bound.
      if (open.length === 0) throw notEnough();
      const pick = open[stream.below(open.length)];
      chosen.push(pick);
      load.set(pick, load.get(pick)! + 1);
    }
    assignment[field] = chosen;
  }
  return assignment;
}

/** The fields of one assignment a given verifier receives: all their task API may ever return for it. */
export function fieldsOfVerifier(assignment: AssignVerifiersReturnType, verifier: string): string[] {
  return Object.entries(assignment).filter(([, vs]) => vs.includes(verifier)).map(([field]) => field);
}
