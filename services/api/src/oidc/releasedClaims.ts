import type { FastifyInstance } from 'fastify';
import { getAddress, type Address, type Hash } from 'viem';
import { CertificationLevel, identityOf, toIdentreeDid, type CertificationLevelName } from '@identree/sdk';
import type { Storage } from '@identree/store';
import { credentialTypeName, isValidNow } from '../routes/credentialView.js';
import { OAuthError } from './oidcErrors.js';
import type { ReleasedClaims } from './oidcTokens.js';

/** What the user ticked on the login page. */
export type Release = { kind: boolean; credentials: readonly Hash[] };

/**
 * The claims a login releases, each read from the chain or the indexed read model at login time,
 * never from the client: the DID of the identity the signing key acts for now, its kind while it
 * is Active (a suspended or revoked entity is no more than a visitor), and the credentials the
 * user chose, each with its level. `identree_level` is the best level among the valid released
 * credentials: what a relying party needs to decide how far to trust the login.
 */
export async function releasedClaims(app: FastifyInstance, storage: Storage, key: Address, release: Release): Promise<ReleasedClaims> {
  const identity = (await identityOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, key })) ?? key;
  const claims: ReleasedClaims = { sub: toIdentreeDid({ chainId: app.chain.chainId, address: identity }), identree_address: getAddress(identity) };
  const entity = await app.chain.reader.getEntity({ entity: identity });
  const active = entity?.status === 'Active';
  if (release.kind) claims.identree_kind = active ? entity!.kind : null;
  if (release.credentials.length > 0) {
    // A suspended or revoked identity vouches for nothing: its credentials stay with it until it is reinstated.
    if (!active) throw new OAuthError('access_denied', `body.release.credentials: ${claims.sub} is not an active entity, so it cannot release credentials`);
    const released: NonNullable<ReleasedClaims['identree_credentials']> = [];
    let best: CertificationLevelName | null = null;
    for (const uid of new Set(release.credentials)) {
      const credential = await storage.credentials.get(uid);
      // One user never releases another's credential: only those whose subject is this identity.
      // Only what the holder linked into its tree, as the login page offers: an unlinked credential is not accepted.
      const link = credential ? await storage.links.get(identity, uid) : null;
      if (!credential || getAddress(credential.subject) !== getAddress(identity) || !link?.linked) {
        throw new OAuthError('invalid_request', `body.release.credentials: ${uid} is not a credential of ${claims.sub} linked into its tree`);
      }
      if (!isValidNow(credential)) throw new OAuthError('invalid_request', `body.release.credentials: ${uid} is revoked or expired and cannot be released`);
      const level = credential.level as CertificationLevelName;
      if (best === null || CertificationLevel[level] > CertificationLevel[best]) best = level;
      released.push({
        uid,
        type: await credentialTypeName(app, credential.credentialType),
        level,
        issuer: toIdentreeDid({ chainId: app.chain.chainId, address: credential.issuer }),
        validUntil: credential.validUntil,
      });
    }
    claims.identree_credentials = released;
    claims.identree_level = best;
  }
  return claims;
}
