import { compactSignatureToSignature, recoverTypedDataAddress, serializeSignature, type Address, type Hash } from 'viem';
import { enrollmentDomain, FIELD_CONFIRMATION_TYPES } from './confirmationTypedData.js';
import type { FieldConfirmation } from './types.js';

export type RecoverFieldConfirmationParameters = {
  enrollmentRegistry: Address;
  chainId: number;
  enrollment: Hash;
  confirmation: FieldConfirmation;
  /** The committed crop and text hashes of the field. */
  fieldHash: Hash;
  committedTextHash: Hash;
  /** Who claims to have signed: the message names its verifier, so the claim is part of what is signed. */
  verifier: Address;
};

/**
 * Off-chain check of a verifier's signed answer, as the registry would check it: true when `verifier`
 * signed exactly this answer for this field of this enrollment.
 *
 * @example
 * if (!(await recoverFieldConfirmation({ ... }))) throw new Error('not signed by the verifier')
 */
export async function recoverFieldConfirmation(p: RecoverFieldConfirmationParameters): Promise<boolean> {
  const { confirmation: c } = p;
  try {
    const signer = await recoverTypedDataAddress({
      domain: enrollmentDomain(p.chainId, p.enrollmentRegistry),
      types: FIELD_CONFIRMATION_TYPES,
      primaryType: 'FieldConfirmation',
      message: {
        enrollment: p.enrollment,
        field: c.field,
        fieldHash: p.fieldHash,
        textHash: c.agrees ? p.committedTextHash : c.textHash,
        agrees: c.agrees,
        verifier: p.verifier,
      },
      signature: serializeSignature(compactSignatureToSignature({ r: c.r, yParityAndS: c.vs })),
    });
    return signer.toLowerCase() === p.verifier.toLowerCase();
  } catch {
    return false;
  }
}
