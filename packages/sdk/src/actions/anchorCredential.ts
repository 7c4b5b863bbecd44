import type { Address, Hash, Hex } from 'viem';
import { anchorCredentialCall } from '../prepare/prepareAnchorCredential.js';
import type { TransactionResult } from '../types.js';
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
export async function anchorCredential(client: RegistryClient, { registry, account, ...call }: AnchorCredentialParameters): Promise<AnchorCredentialReturnType> {
  const { result, hash, blockNumber, gasUsed } = await writeRegistry<Hash>(client, { registry, account, ...anchorCredentialCall(call) });
  return { uid: result, hash, blockNumber, gasUsed };
}
