import { SignJWT } from 'jose';
import { StatusList, createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import type { Address } from 'viem';
import { judgeAgainstCompromise, type Compromise } from '@identree/sdk';
import type { SigningKey, Storage, StatusEntryStanding } from '@identree/store';
import { bitstringListUrl, STATUS_LIST_SIZE, tokenListUrl, type StatusPurpose } from './statusListLayout.js';
import { encodeBitstring } from './encodeBitstring.js';
import { statusOfEntry, type CompromiseJudgement } from './statusOfEntry.js';

/** How long a verifier may cache a list: short, so a revocation shows within an indexer pass or two. */
export const STATUS_LIST_TTL_SECONDS = 60;

export type StatusListPublisher = ReturnType<typeof statusListPublisher>;

/**
 * Renders status lists from the indexed chain state at each request, and signs them with the
 * service's status-list key (EdDSA, published in `/.well-known/jwks.json`). The service is the
 * lists' issuer, not the credentials' issuer: it holds no issuer's key, and what it signs is only a
 * mirror of the chain, which stays the authority a verifier may read instead.
 */
/** The chain facts a compromise report needs, read live: the report on an issuer, and a block's time (unix seconds). */
export type CompromiseReader = { reportOn(issuer: Address): Promise<Compromise | null>; blockTime(blockNumber: bigint): Promise<number> };

export function statusListPublisher({ storage, publicUrl, key, compromises }: { storage: Storage; publicUrl: string; key: SigningKey; compromises?: CompromiseReader }) {
  // Block times never change; a bounded map keeps a busy list from reading the same anchors' blocks again.
  const blockTimes = new Map<bigint, Promise<number>>();
  const blockTime = (reader: CompromiseReader, n: bigint) => {
    let t = blockTimes.get(n);
    if (!t) {
      if (blockTimes.size >= 100_000) blockTimes.delete(blockTimes.keys().next().value!);
      t = reader.blockTime(n);
      blockTimes.set(n, t);
      t.catch(() => blockTimes.delete(n));
    }
    return t;
  };
  const judge = async (entries: StatusEntryStanding[]): Promise<CompromiseJudgement[]> => {
    if (!compromises) return entries.map(() => 'standing');
    const reports = new Map<string, Promise<Compromise | null>>();
    return Promise.all(entries.map(async (e) => {
      if (e.anchoredBlock === null) return 'standing';
      const issuer = e.issuer.toLowerCase();
      if (!reports.has(issuer)) reports.set(issuer, compromises.reportOn(e.issuer));
      const report = await reports.get(issuer)!;
      return report ? judgeAgainstCompromise(report, await blockTime(compromises, e.anchoredBlock), e.issuerStatus) : 'standing';
    }));
  };
  // A list exists once it has an entry: a later number is null (a 404), never an empty list that reads as "all valid".
  const standing = async (listId: number) => {
    const entries = await storage.statusEntries.listStanding(listId);
    if (entries.length === 0) return null;
    const judged = await judge(entries);
    return entries.map((e, i) => ({ index: e.index, ...statusOfEntry(e, judged[i]) }));
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
