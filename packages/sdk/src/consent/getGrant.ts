import type { Address, Hash, Hex } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { readHolderRegistry, type HolderRegistryParameters } from '../holders/holderRegistryCall.js';
import type { Grant } from './types.js';

export type GetGrantParameters = HolderRegistryParameters & { holder: Address; verifier: Address; uid: Hash };
export type GetGrantReturnType = Grant | null;

/**
 * The grant from `holder` to `verifier` for `uid`, live or expired; null when there is none (never
 * granted, or revoked: revocation deletes the grant, and the AccessRevoked event keeps the history).
 * Use `checkAccess` to decide access: it also checks expiry against the chain's clock and that the
 * holder still holds the credential.
 *
 * @example
 * const grant = await getGrant(client, { holderRegistry, holder, verifier: bank, uid })
 */
export async function getGrant(client: RegistryClient, { holderRegistry, holder, verifier, uid }: GetGrantParameters): Promise<GetGrantReturnType> {
  const grant = await readHolderRegistry<{ expiresAt: number; grantedAt: number; attributes: Hex }>(client, { holderRegistry, functionName: 'grantOf', args: [holder, verifier, uid] });
  if (grant.expiresAt === 0) return null;
  // The contract keeps 21 bytes of the digest; padded back, it equals what `attributesDigest` made.
  return { expiresAt: Number(grant.expiresAt), grantedAt: Number(grant.grantedAt), attributes: `${grant.attributes}${'0'.repeat(10)}` as Hex };
}
