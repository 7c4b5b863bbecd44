import { zeroAddress, zeroHash, type Address, type Hash, type Hex } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import type { TransactionResult } from '../types.js';

import { NO_EXPIRY, toUint32Seconds } from '../utils/timestamp.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type AnchorCredentialParameters = RegistryWriteParameters & {
  subject: Address;
  credentialType: number;
  /** Root of the salted attribute tree. Never an attribute value. */
  commitment: Hex;
  validFrom?: Date | number;
  /** Defaults to no expiry. */
  validUntil?: Date | number;
  /** The credential this one derives from (a curriculum's birth certificate). */
  source?: Hash;
  /** Birth certificates: the subject's parents' identities, set by a government. */
  parents?: { father?: Address; mother?: Address };
};
export type AnchorCredentialReturnType = TransactionResult & { uid: Hash };

/**
 * Anchors a credential commitment for `subject`. The signer is the issuer; the certification level
 * is decided by the registry from the issuer's standing, never by the caller.
 *
 * @example
 * const { uid } = await anchorCredential(gov, {
 *   registry, subject: alice, credentialType: CredentialType.BirthCertificate, commitment: root,
 *   parents: { father, mother },
 * })
 */
export async function anchorCredential(
  client: RegistryClient,
  { subject, credentialType, commitment, validFrom = 0, validUntil = NO_EXPIRY, source = zeroHash, parents, ...rest }: AnchorCredentialParameters,
): Promise<AnchorCredentialReturnType> {
  if (!/^0x[0-9a-fA-F]{64}$/.test(commitment)) throw new InvalidParameterError('commitment', 'must be a 32-byte hex string');
  const request = {
    subject,
    credentialType,
    validFrom: toUint32Seconds('validFrom', validFrom),
    validUntil: toUint32Seconds('validUntil', validUntil),
    commitment,
    source,
  };
  const call = parents
    ? { functionName: 'anchorBirthCertificate', args: [request, parents.father ?? zeroAddress, parents.mother ?? zeroAddress] }
    : { functionName: 'anchorCredential', args: [request] };
  const { result, hash, blockNumber, gasUsed } = await writeRegistry<Hash>(client, { ...rest, ...call });
  return { uid: result, hash, blockNumber, gasUsed };
}

