// Gas of document enrollment (issue 20), on the walk-through's chain: a ten-field document whose every
// field three verifiers confirm. User3 enrolls it; the Government, as identity provider, anchors the
// credential, then records the thirty signed confirmations in one packed batch and attests in the same
// transaction (`recordAndAttest`, which also stores the beacon). Then one more document gets a single
// confirmation checked on the spot (`confirmField`).
import {
  CredentialType,
  accreditVerifier,
  commitDocumentFields,
  confirmField,
  deployEnrollmentRegistry,
  enrollDocument,
  enrollDocumentBySignature,
  getFieldAssignments,
  recordAndAttest,
  signEnrollment,
  signFieldConfirmation,
} from '@identree/sdk';
import { keccak256, stringToHex, type Hash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Walkthrough } from './walkthrough.js';

export type EnrollmentGas = {
  deployEnrollmentRegistry: number;
  enrollDocument: number;
  /** Thirty confirmations, three per field, in one batch, and the attestation, in one transaction. */
  recordAndAttest: number;
  /** enroll + the batch with its attestation: every transaction the enrollment registry charges for one document. */
  attestedDocument: number;
  /** The credential the attestation names, anchored in the identity registry (an existing operation). */
  anchorCredential: number;
  /** One confirmation submitted alone, its signature and assignment checked on chain. */
  confirmField: number;
  /** `enrollDocument`'s commitment on the enrollee's EIP-712 signature, sent by a sponsor (the web wallet's way). */
  enrollFromSignature: number;
};

const FIELDS = 10;
const VERIFIERS = 30;
const h = (label: string): Hash => keccak256(stringToHex(label));

export async function measureEnrollmentGas(w: Walkthrough): Promise<EnrollmentGas> {
  const gov = w.client('Government');
  const { enrollmentRegistry, gasUsed: deployGas } = await deployEnrollmentRegistry(gov, { registry: w.registry });
  const verifiers = Array.from({ length: VERIFIERS }, (_, i) => privateKeyToAccount(h(`bench verifier ${i}`)));
  const byAddress = new Map(verifiers.map((v) => [v.address, v]));
  for (const v of verifiers) {
    await gov.registerEntity({ entity: v.address, kind: 'Person' });
    await accreditVerifier(gov, { enrollmentRegistry, verifier: v.address });
  }

  const enroll = async (label: string, enrollee: 'User1' | 'User3') => {
    const fields = Array.from({ length: FIELDS }, (_, i) => ({ fieldHash: h(`${label} crop ${i}`), textHash: h(`${label} text ${i}`) }));
    const { fieldsRoot, openings } = commitDocumentFields({ fields });
    const imageHash = h(`${label} photo`);
    const enrolled = await enrollDocument(w.client(enrollee), { enrollmentRegistry, imageHash, fieldsRoot, fieldCount: FIELDS });
    // Verifiers answer blocks later; the beacon is the enrollment block's hash.
    await w.chain.test.mine({ blocks: 1 });
    const commitment = { enrollee: w.addresses[enrollee], imageHash, fieldsRoot };
    return { ...enrolled, fields, openings, commitment };
  };
  const sign = (enrollment: Hash, fields: { fieldHash: Hash; textHash: Hash }[], a: { field: number; slot: number; verifier: `0x${string}` }) =>
    signFieldConfirmation(gov, {
      account: byAddress.get(a.verifier)!,
      enrollmentRegistry,
      enrollment,
      field: a.field,
      slot: a.slot,
      fieldHash: fields[a.field]!.fieldHash,
      committedTextHash: fields[a.field]!.textHash,
    });

  const doc = await enroll('residence card', 'User3');
  const assignments = await getFieldAssignments(gov, { enrollmentRegistry, enrollment: doc.enrollment });
  if (assignments.length !== FIELDS * 3) throw new Error(`expected 30 open slots, got ${assignments.length}`);
  const confirmations = await Promise.all(assignments.map((a) => sign(doc.enrollment, doc.fields, a)));
  const credentialCommitment = h('User3 residence card attribute tree');
  const anchored = await gov.anchorCredential({ subject: w.addresses.User3, credentialType: CredentialType.Passport, commitment: credentialCommitment });
  const attested = await recordAndAttest(gov, { enrollmentRegistry, commitment: doc.commitment, confirmations, credentialCommitment });

  const single = await enroll('national id', 'User1');
  const [first] = await getFieldAssignments(gov, { enrollmentRegistry, enrollment: single.enrollment });
  const confirmation = await sign(single.enrollment, single.fields, first!);
  const one = await confirmField(gov, { enrollmentRegistry, commitment: single.commitment, confirmation, opening: single.openings[first!.field]! });

  // Last, so that nothing above runs on a state it changed: the enrollee signs, the Government relays. The
  // walk-through's chain runs ahead of the wall clock, so the deadline is the chain's.
  const signed = await signEnrollment(w.client('User1'), { enrollmentRegistry, imageHash: h('passport photo'), fieldsRoot: single.commitment.fieldsRoot, fieldCount: FIELDS, deadline: (await gov.getBlock()).timestamp + 3600n });
  const bySignature = await enrollDocumentBySignature(gov, { enrollmentRegistry, ...signed });

  const enrollDocumentGas = Number(doc.gasUsed);
  return {
    deployEnrollmentRegistry: Number(deployGas),
    enrollDocument: enrollDocumentGas,
    recordAndAttest: Number(attested.gasUsed),
    attestedDocument: enrollDocumentGas + Number(attested.gasUsed),
    anchorCredential: Number(anchored.gasUsed),
    confirmField: Number(one.gasUsed),
    enrollFromSignature: Number(bySignature.gasUsed),
  };
}
