import { parseSignature, signatureToCompactSignature, zeroHash, type Account, type Address, type Hash } from 'viem';
import { getChainId, signTypedData } from 'viem/actions';
import { IdentreeError } from '../errors/base.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { enrollmentDomain, FIELD_CONFIRMATION_TYPES } from './confirmationTypedData.js';
import type { FieldConfirmation } from './types.js';
import { commitCorrectedText, type FieldCorrection } from './commitCorrectedText.js';

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
  /**
   * To correct: the text the crop really shows. It is committed under a fresh salt (`commitCorrectedText`),
   * and the answer carries the opening as `correction` for the enrollment service to keep off chain.
   */
  correctedText?: string;
  /**
   * To correct with a commitment made elsewhere; prefer `correctedText`. The enrollment service keeps a
   * correction only with its opening (`correction`), so an unsalted hash of the text is refused there.
   */
  correctedTextHash?: Hash;
};
/** The signed answer; a correction made from `correctedText` also carries its opening, which never goes on chain. */
export type SignFieldConfirmationReturnType = FieldConfirmation & { correction?: FieldCorrection };

/**
 * A verifier signs its answer for one field (EIP-712): the signature binds the enrollment, the field, its
 * crop hash, the text hash (committed or corrected) and the verifier. Nothing is sent. A correction
 * commits to the typed text under a salt of its own, so each stays provable alone and none is guessable.
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
  if (parameters.correctedText !== undefined && parameters.correctedTextHash !== undefined) {
    throw new IdentreeError('Pass correctedText or correctedTextHash, not both.');
  }
  const committed = parameters.correctedText === undefined ? undefined : commitCorrectedText(parameters.correctedText);
  const correctedTextHash = committed?.textHash ?? parameters.correctedTextHash;
  const agrees = correctedTextHash === undefined;
  const signature = await signTypedData(client, {
    account,
    domain: enrollmentDomain(await getChainId(client), parameters.enrollmentRegistry),
    types: FIELD_CONFIRMATION_TYPES,
    primaryType: 'FieldConfirmation',
    message: {
      enrollment: parameters.enrollment,
      field: parameters.field,
      fieldHash: parameters.fieldHash,
      textHash: agrees ? parameters.committedTextHash : correctedTextHash,
      agrees,
      verifier,
    },
  });
  const { r, yParityAndS } = signatureToCompactSignature(parseSignature(signature));
  return {
    field: parameters.field,
    slot: parameters.slot,
    agrees,
    textHash: agrees ? zeroHash : correctedTextHash,
    r,
    vs: yParityAndS,
    ...(committed ? { correction: { text: committed.text, salt: committed.salt } } : {}),
  };
}
