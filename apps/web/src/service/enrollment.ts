import { signFieldConfirmation } from '@identree/sdk';
import { createWalletClient, custom, keccak256, numberToHex, stringToHex, type Address, type Hash } from 'viem';
import type { TypedDataToSign } from '../keys/injectedWallet.js';
import { answer, serviceClient } from './api.js';
import { clientOf, type Session } from './session.js';
import type { WriteAnswer } from './wallet.js';

/** The templates the enrollment service reads (packages/documents), in the words the page shows. */
export const DOCUMENT_TEMPLATES = [
  { id: 'residence-card', words: 'Residence card' },
  { id: 'national-id', words: 'National identity card' },
  { id: 'passport-td3', words: 'Passport (data page)' },
] as const;

export type SubmittedDocument = {
  enrollment: Hash; imageHash: Hash; fieldsRoot: Hash; fieldCount: number;
  fields: { name: string; value: string; problems: string[] }[];
};
export type EnrollmentProof = {
  status: string; sound: boolean;
  fields: { field: number; outcome: string }[];
  confirmations: { field: number; agrees: boolean; fault: string }[];
};
export type VerifierTask = { field: number; slot: number; name: string; crop: string; text: string; fieldHash: Hash; committedTextHash: Hash };
export type VerifierTasks = { chainId: number; enrollmentRegistry: Address; tasks: VerifierTask[] };

/**
 * Sends the photo as it is (the route takes the image as the body); the service reads it and answers
 * what it read with the salted commitments. The salts stay out of the page's state: only the words
 * and the hashes are kept.
 */
export async function submitDocument(session: Session, template: string, photo: Blob): Promise<SubmittedDocument> {
  const submitted = await answer(clientOf(session).POST('/enrollments/documents', {
    params: { query: { template } },
    body: photo as never,
    bodySerializer: (body: unknown) => body as Blob,
    headers: { 'content-type': photo.type || 'application/octet-stream' },
  }));
  return {
    enrollment: submitted.enrollment as Hash, imageHash: submitted.imageHash as Hash, fieldsRoot: submitted.fieldsRoot as Hash, fieldCount: submitted.fieldCount,
    fields: submitted.fields.map(({ name, value, problems }) => ({ name, value, problems })),
  };
}

/**
 * Records the document's commitment on chain without ether: the service prepares the Enroll message, the
 * enrollee's key signs it here (EIP-712), and the service relays it and pays. One Idempotency-Key per
 * press, so a retried request is relayed once.
 */
export async function recordEnrollment(session: Session, d: SubmittedDocument): Promise<WriteAnswer> {
  const commitment = { enrollee: session.signer.address, imageHash: d.imageHash, fieldsRoot: d.fieldsRoot, fieldCount: d.fieldCount };
  const typed = (await answer(serviceClient().POST('/prepare/enrollment', { body: commitment }))) as TypedDataToSign;
  // The deadline arrives as a decimal string (JSON has no 256-bit numbers); EIP-712 signs it as a number.
  const deadline = String(typed.message.deadline);
  const signature = await session.signer.signTypedData({ ...typed, message: { ...typed.message, deadline: BigInt(deadline) } });
  return (await answer(clientOf(session).POST('/enrollments', {
    body: { ...commitment, deadline: Number(deadline), signature },
    params: { header: { 'idempotency-key': crypto.randomUUID() } },
  }))) as WriteAnswer;
}

/** The identity provider records the answers it holds and attests with the credential it anchored for the enrollee. */
export const attestEnrollment = async (session: Session, enrollment: Hash, credentialCommitment: Hash) =>
  (await answer(clientOf(session).POST('/enrollments/{enrollment}/attestation', { params: { path: { enrollment } }, body: { credentialCommitment } }))) as { credential: Hash; batches: number };

/** The enrollment's standing on chain (public, hashes only); 404-like answers mean "not recorded yet". */
export const fetchEnrollmentProof = async (session: Session, enrollment: Hash) =>
  (await answer(clientOf(session).GET('/enrollments/{enrollment}/proof', { params: { path: { enrollment } } }))) as EnrollmentProof;

export const fetchVerifierTasks = async (session: Session, enrollment: Hash) =>
  (await answer(clientOf(session).GET('/enrollments/{enrollment}/tasks', { params: { path: { enrollment } } }))) as VerifierTasks;

/**
 * The verifier's answer for one field, signed here with the SDK's `signFieldConfirmation` (EIP-712).
 * The page has no chain connection: the transport answers only the chain id the service named, and
 * the signature itself comes from the key in this page or from the wallet extension.
 */
export async function answerTask(session: Session, p: { enrollment: Hash; of: VerifierTasks; task: VerifierTask; correctedText?: string }) {
  const chainIdHex = numberToHex(p.of.chainId);
  const local = session.signer.local;
  const client = local
    ? createWalletClient({ account: local.account, transport: custom({ request: async ({ method }) => chainOnly(method, chainIdHex) }) })
    : createWalletClient({
      account: session.signer.address,
      transport: custom({
        request: async ({ method, params }) => {
          if (method === 'eth_signTypedData_v4') return session.signer.signTypedData(JSON.parse((params as [string, string])[1]));
          return chainOnly(method, chainIdHex);
        },
      }),
    });
  // A correction commits to the corrected text as typed; the enrollee's salt is not the verifier's to know.
  const correctedTextHash = p.correctedText === undefined ? undefined : keccak256(stringToHex(p.correctedText.trim()));
  const confirmation = await signFieldConfirmation(client, {
    enrollmentRegistry: p.of.enrollmentRegistry, enrollment: p.enrollment, field: p.task.field, slot: p.task.slot,
    fieldHash: p.task.fieldHash, committedTextHash: p.task.committedTextHash, correctedTextHash,
  });
  return answer(clientOf(session).POST('/enrollments/{enrollment}/confirmations', { params: { path: { enrollment: p.enrollment } }, body: confirmation }));
}

function chainOnly(method: string, chainIdHex: string) {
  if (method === 'eth_chainId') return chainIdHex;
  throw new Error(`This page has no chain connection for ${method}.`);
}
