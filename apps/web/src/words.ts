/** Plain language for what the chain says: dates in words, levels as a person would say them. */
export const formatDate = (unixSeconds: number) =>
  new Date(unixSeconds * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

// The chain stores "no expiry" as the largest uint32 (7 February 2106).
export const describeValidity = (validUntil: number) => (validUntil === 0 || validUntil >= 2 ** 32 - 1 ? 'No expiry date' : `Valid until ${formatDate(validUntil)}`);

export const LEVEL_WORDS: Record<string, string> = {
  GovernmentCertified: 'certified by a government',
  Accredited: 'from an accredited issuer',
  Uncertified: 'not certified',
};

export const KIND_WORDS: Record<string, string> = {
  Person: 'a registered person',
  Organization: 'a registered organization',
  Issuer: 'a registered issuer',
  Government: 'a government',
  Admin: 'a registry administrator',
};

export const shortAddress = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** The enrollment service's refusals (README, document enrollment), in words the enrollee or verifier can act on. */
const ENROLLMENT_ERROR_WORDS: Record<string, string> = {
  enrollment_unavailable: 'Document enrollment is not switched on at this service yet. Ask its operator, or try another identity provider.',
  not_an_image: 'That file is not a photo we can read (PNG or JPEG). Take or choose another photo.',
  document_not_found: 'No document was found in that photo. Lay the document flat on a dark surface, fill most of the frame, and try again.',
  verifier_not_assigned: 'This field was not assigned to you, so your answer was not taken.',
  confirmation_invalid: 'Your signature did not match your key; sign in again with the key you verify with.',
  correction_invalid: 'Your correction did not arrive with the text it commits to; type it again and send it once more.',
  already_answered: 'You already answered this field, and your first answer stands: this one was not taken.',
  enrollment_busy: 'Many documents are being read just now; wait a little and send your photo again.',
  enrollment_signature_expired: 'Your signature expired before it reached the chain. Press the button again to sign a fresh one.',
  enrollment_signature_invalid: 'The chain did not take your signature as yours. Sign in again with the key you uploaded the document with.',
  enrollment_already_recorded: 'This document is already recorded on chain. Nothing more to do here.',
  enrollment_not_a_person: 'Only a registered person can enroll a document, and your key is not one (or is suspended). Ask a registry office to register you.',
  enrollment_credential_invalid: 'That credential is not one you anchored for this enrollee, or it is revoked, uncertified or not valid now. Check the commitment and try again.',
};

export function enrollmentErrorWords(error: unknown): string {
  const e = error as { code?: string; status?: number; message?: string };
  if (e.code && ENROLLMENT_ERROR_WORDS[e.code]) return ENROLLMENT_ERROR_WORDS[e.code]!;
  if (e.status === 413) return 'That photo is too large (8 MB at most). Take a smaller one.';
  return e.message ?? 'Something went wrong; try again.';
}

/** An enrollment's standing and a field's outcome, as the proof route names them. */
export const ENROLLMENT_STATUS_WORDS: Record<string, string> = {
  None: 'not recorded on chain yet',
  Open: 'recorded; verifiers are checking its fields',
  Attested: 'attested by the identity provider',
  Disputed: 'disputed: a confirmation or a field was shown to be false',
};

/** A template's field name (DateOfBirth, No) as a label. */
export const fieldLabel = (name: string) =>
  name === 'No' ? 'Document number' : name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])/g, (_, c: string) => ` ${c.toLowerCase()}`);

/** A field's outcome, as the proof route names it. */
export const FIELD_OUTCOME_WORDS: Record<string, string> = {
  Pending: 'waiting for verifiers',
  Confirmed: 'passed',
  Rejected: 'failed',
};
