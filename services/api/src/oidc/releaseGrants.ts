import type { FastifyInstance } from 'fastify';
import { getAddress, keccak256, stringToHex, type Address, type Hash, type Hex } from 'viem';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import { simulateSponsored, sponsoredCall } from '../consent/relayHolderWrite.js';
import { OAuthError } from './oidcErrors.js';

/** A GrantAccess message the holder signed on the login page for one released credential. */
export type ReleaseGrant = { uid: Hash; duration: number; attributes: Hex; deadline: number; signature: Hex };

/**
 * Records a release as what it is, an access grant: each released credential is granted on chain
 * to the relying party's registered address, for the duration the user saw, by the holder's own
 * signature (relayed and paid by the sponsor, like every holder write). The grant shows in the
 * holder's wallet, where it can be revoked, and in the audit log as `AccessGranted`. Returns when
 * each grant is confirmed, with its expiry.
 */
export async function recordReleaseGrants(
  app: FastifyInstance,
  writes: WritesGateway,
  p: { key: Address; holder: Address; verifier: Address; released: readonly Hash[]; grants: readonly ReleaseGrant[]; loginNonce: string },
): Promise<{ uid: Hash; expiresAt: number }[]> {
  const released = new Set(p.released.map((u) => u.toLowerCase()));
  const missing = [...released].filter((uid) => !p.grants.some((g) => g.uid.toLowerCase() === uid));
  if (missing.length > 0) throw new OAuthError('invalid_request', `body.release.grants: every released credential needs its signed grant; missing ${missing.join(', ')}`);
  const recorded: { uid: Hash; expiresAt: number }[] = [];
  for (const [i, g] of p.grants.entries()) {
    if (!released.has(g.uid.toLowerCase())) throw new OAuthError('invalid_request', `body.release.grants.${i}.uid: ${g.uid} is not among the released credentials`);
    const call = sponsoredCall(app, 'grantAccessBySig', [getAddress(p.holder), getAddress(p.verifier), g.uid, g.duration, g.attributes, BigInt(g.deadline), g.signature]);
    // A bad signature or a broken rule is answered with its typed revert here, and costs nothing.
    await simulateSponsored(app, call);
    const record = await writes.submitSponsored({
      owner: p.key,
      // One login nonce is consumed once, so a retried login cannot grant twice.
      idempotencyKey: `oidc-release:${p.loginNonce}:${g.uid.toLowerCase()}`,
      requestHash: keccak256(stringToHex(JSON.stringify(['oidc-release', g]))),
      functionName: 'grantAccessBySig',
      calldata: call.data,
      target: call.contract,
    });
    const outcome = await writes.waitFor(record.id, 15_000);
    if (outcome.status !== 'confirmed') {
      throw new OAuthError('access_denied', outcome.status === 'failed' ? `body.release.grants.${i}: the grant was refused (${outcome.error})` : `body.release.grants.${i}: the grant is not confirmed yet; try again in a moment`);
    }
    recorded.push({ uid: g.uid, expiresAt: Math.floor(Date.now() / 1000) + g.duration });
  }
  return recorded;
}
