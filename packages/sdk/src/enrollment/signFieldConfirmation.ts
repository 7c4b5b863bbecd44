import { parseSignature, signatureToCompactSignature, zeroHash, type Account, type Address, type Hash } from 'viem';
import { getChainId, signTypedData } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { enrollmentDomain, FIELD_CONFIRMATION_TYPES } from './confirmationTypedData.js';
import type { FieldConfirmation } from './types.js';

export type SignFieldConfirmationParameters = {
  enrollmentRegistry: Address;
  /** The verifier's key (a local account, or an address the wallet client signs for). */
  account?: Account | Address;
  enrollment: Hash;
  field: number;
  /** The slot the registry assigned this verifier for this field (`getFieldAssignments`). */
  slot: number;
  /** The committed hash of the field's crop, as the task showed it. */
  fieldHash: Hash;
  /** The committed hash of the field's text. */
  committedTextHash: Hash;
  /** Absent to confirm; the hash of the corrected text to correct. */
  correctedTextHash?: Hash;
};
export type SignFieldConfirmationReturnType = FieldConfirmation;

/**
 * A verifier signs its answer for one field (EIP-712): the signature binds the enrollment, the field, its
 * crop hash, the text hash (committed or corrected) and the verifier. Nothing is sent.
 *
 * @example
 * const answer = await signFieldConfirmation(verifierClient, { enrollmentRegistry, enrollment, field: 0, slot: 1, fieldHash, committedTextHash })
 */
export async function signFieldConfirmation(
  client: RegistryClient,
  parameters: SignFieldConfirmationParameters,
): Promise<SignFieldConfirmationReturnType> {
  const account = parameters.account ?? client.account;
  if (!account) throw new IdentreeError('Signing needs the verifier account: pass `account` or use a wallet client with one.');
  const verifier = typeof account === 'string' ? account : account.address;
  const agrees = parameters.correctedTextHash === undefined;
  const signature = await signTypedData(client, {
    account,
    domain: enrollmentDomain(await getChainId(client), parameters.enrollmentRegistry),
    types: FIELD_CONFIRMATION_TYPES,
    primaryType: 'FieldConfirmation',
    message: {
      enrollment: parameters.enrollment,
      field: parameters.field,
      fieldHash: parameters.fieldHash,
      textHash: agrees ? parameters.committedTextHash : parameters.correctedTextHash!,
      agrees,
      verifier,
    },
  });
  const { r, yParityAndS } = signatureToCompactSignature(parseSignature(signature));
  return {
    field: parameters.field,
    slot: parameters.slot,
    agrees,
    textHash: agrees ? zeroHash : parameters.correctedTextHash!,
    r,
    vs: yParityAndS,
  };
}
