import { SignJWT } from 'jose';
import { StatusList, createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import type { SigningKey, Storage } from '@identree/store';
import { bitstringListUrl, STATUS_LIST_SIZE, tokenListUrl, type StatusPurpose } from './statusListLayout.js';
import { encodeBitstring } from './encodeBitstring.js';
import { statusOfEntry } from './statusOfEntry.js';

/** How long a verifier may cache a list: short, so a revocation shows within an indexer pass or two. */
export const STATUS_LIST_TTL_SECONDS = 60;

export type StatusListPublisher = ReturnType<typeof statusListPublisher>;

/**
 * Renders status lists from the indexed chain state at each request, and signs them with the
 * service's status-list key (EdDSA, published in `/.well-known/jwks.json`). The service is the
 * lists' issuer, not the credentials' issuer: it holds no issuer's key, and what it signs is only a
 * mirror of the chain, which stays the authority a verifier may read instead.
 */
export function statusListPublisher({ storage, publicUrl, key }: { storage: Storage; publicUrl: string; key: SigningKey }) {
  // A list exists once it has an entry: a later number is null (a 404), never an empty list that reads as "all valid".
  const standing = async (listId: number) => {
    const entries = await storage.statusEntries.listStanding(listId);
    return entries.length === 0 ? null : entries.map((e) => ({ index: e.index, ...statusOfEntry(e) }));
  };
  const times = () => {
    const now = Math.floor(Date.now() / 1000);
    return { iat: now, exp: now + STATUS_LIST_TTL_SECONDS };
  };
  return {
    /** The W3C BitstringStatusListCredential for one purpose, unsigned (the JSON a JSON-LD checker loads). */
    async bitstringCredential(listId: number, purpose: StatusPurpose) {
      const entries = await standing(listId);
      if (!entries) return null;
      const set = entries.filter((e) => (purpose === 'revocation' ? e.revoked : e.suspended)).map((e) => e.index);
      const id = bitstringListUrl(publicUrl, listId, purpose);
      const { iat, exp } = times();
      return {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: publicUrl,
        validFrom: new Date(iat * 1000).toISOString(),
        validUntil: new Date(exp * 1000).toISOString(),
        credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList: encodeBitstring(STATUS_LIST_SIZE, set) },
      };
    },
    /** The same credential secured as `vc+jwt` (W3C VC-JOSE-COSE). */
    async bitstringCredentialJwt(listId: number, purpose: StatusPurpose) {
      const credential = await this.bitstringCredential(listId, purpose);
      if (!credential) return null;
      const { iat, exp } = times();
      return new SignJWT({ ...credential, iss: publicUrl, jti: credential.id, iat, exp })
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt', cty: 'vc' })
        .sign(key.privateKey);
    },
    /** The IETF Token Status List (`statuslist+jwt`), two bits a credential: 0 valid, 1 invalid, 2 suspended. */
    async tokenStatusList(listId: number) {
      const entries = await standing(listId);
      if (!entries) return null;
      const statuses = new Array<number>(STATUS_LIST_SIZE).fill(0);
      for (const e of entries) statuses[e.index] = e.token;
      const { iat, exp } = times();
      const { header, payload } = createHeaderAndPayload(
        new StatusList(statuses, 2),
        { iss: publicUrl, sub: tokenListUrl(publicUrl, listId), iat, exp, ttl: STATUS_LIST_TTL_SECONDS },
        { alg: 'EdDSA', typ: 'statuslist+jwt', kid: key.kid },
      );
      return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
    },
  };
}
