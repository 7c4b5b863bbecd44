import type { FastifyInstance } from 'fastify';
import { getGrant } from '@identree/sdk';
import type { OidcReleaseRecord, ServiceAccessChannel, Storage } from '@identree/store';
import type { Address } from 'viem';

/** Why a release no longer lets its relying party read: null while it does. */
export type ReleaseRefusal = 'release_revoked' | 'release_expired' | 'grant_revoked' | null;

/**
 * Whether a release still stands, read at each use: the holder has not revoked it in the wallet,
 * it has not expired, and, for a relying party with a registered address, each on-chain access
 * grant it was recorded as is still there (revoking the grant on chain also ends the release). The
 * chain is read, not the index, so a revocation in the latest block counts.
 */
export async function releaseRefusal(app: FastifyInstance, release: OidcReleaseRecord, now = new Date()): Promise<ReleaseRefusal> {
  if (release.revokedAt) return 'release_revoked';
  if (release.expiresAt <= now) return 'release_expired';
  const granted = (release.claims as { identree_grants?: { uid: `0x${string}` }[] }).identree_grants ?? [];
  if (release.verifier && granted.length > 0) {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    for (const { uid } of granted) {
      const grant = await getGrant(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, holder: release.holder, verifier: release.verifier as Address, uid });
      if (!grant || grant.expiresAt <= nowSeconds) return 'grant_revoked';
    }
  }
  return null;
}

/** A refusal in words, for the relying party's error_description. */
export const REFUSAL_WORDS: Record<NonNullable<ReleaseRefusal>, string> = {
  release_revoked: 'the user withdrew this release',
  release_expired: 'this release has expired',
  grant_revoked: 'the user revoked, or let expire, the on-chain access grant this release was recorded as',
};

/** The names of the claims a release gives (not their values), for the holder's timeline. */
export const releasedClaimNames = (release: OidcReleaseRecord): string[] => Object.keys(release.claims as object).sort();

/**
 * Logs, for the holder, that the release's relying party obtained (or was refused) its claims. This
 * is the service's own record, not an on-chain `logAccess`: the contract records its caller as the
 * verifier, so only the relying party's own key could write that entry truthfully.
 */
export function logReleaseAccess(storage: Storage, release: OidcReleaseRecord, channel: Extract<ServiceAccessChannel, 'oidc_token' | 'oidc_userinfo'>, refusal: ReleaseRefusal) {
  return storage.serviceAccessLog.append({
    holder: release.holder,
    accessor: `oidc:${release.clientId}`,
    accessorName: release.clientName,
    channel,
    uids: release.uids,
    attributes: releasedClaimNames(release),
    success: refusal === null,
    detail: refusal,
    releaseId: release.id,
  });
}
