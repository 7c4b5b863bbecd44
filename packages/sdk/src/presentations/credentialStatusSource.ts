import type { Address, Hash } from 'viem';
import { getCredentialTypeName } from '../actions/getCredentialTypeName.js';
import { readContract } from 'viem/actions';
import { identityRegistryAbi } from '@identree/abi';
import { CertificationLevel, nameOf, type CertificationLevelName } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

/** The on-chain facts a verifier needs about one credential. `null` when nothing is anchored. */
export type CredentialStatus = {
  subject: Address;
  credentialType: number;
  typeName: string;
  validFrom: number;
  validUntil: number;
  level: CertificationLevelName;
  revoked: boolean;
  linked: boolean;
};

export interface CredentialStatusSource {
  getStatus(reference: { chainId: number; registry: Address; uid: Hash }): Promise<CredentialStatus | null>;
}

/**
 * Reads credential status straight from the registry, one client per chain.
 *
 * @example
 * const status = chainStatusSource({ 31337: client })
 */
export function chainStatusSource(clients: Record<number, RegistryClient>): CredentialStatusSource {
  const typeNames = new Map<string, string>();
  return {
    async getStatus({ chainId, registry, uid }) {
      const client = clients[chainId];
      if (!client) return null;
      const raw = await readContract(client, { address: registry, abi: identityRegistryAbi, functionName: 'credential', args: [uid] });
      if (/^0x0{40}$/.test(raw.subject)) return null;
      const typeKey = `${chainId}:${registry}:${raw.credentialType}`;
      let typeName = typeNames.get(typeKey);
      if (typeName === undefined) {
        typeName = await getCredentialTypeName(client, { registry, credentialType: raw.credentialType });
        typeNames.set(typeKey, typeName);
      }
      return {
        subject: raw.subject,
        credentialType: raw.credentialType,
        typeName,
        validFrom: raw.validFrom,
        validUntil: raw.validUntil,
        level: nameOf(CertificationLevel, raw.level),
        revoked: raw.revoked,
        linked: raw.linked,
      };
    },
  };
}

/**
 * Caches another source for `ttlMs`. Revocation then takes effect within the TTL: choose it as the
 * longest a verifier may act on a stale "not revoked". No answer is ever older than `ttlMs`,
 * counted from when its read began.
 *
 * A credential in use is re-read ahead of time: the first lookup after `refreshAfterMs` (half the
 * TTL unless set) starts one read in the background and is still answered from the cache, which
 * the new read replaces when it lands. Without this, every verification of a hot credential would
 * wait for the same chain read once per TTL, and under load the whole queue stalls behind it.
 * Only when a refresh has not landed by the end of the TTL do callers wait for it.
 *
 * @example
 * const status = cachedStatusSource(chainStatusSource({ 31337: client }), { ttlMs: 5_000 })
 */
export function cachedStatusSource(
  inner: CredentialStatusSource,
  { ttlMs, refreshAfterMs = ttlMs / 2, maxEntries = 100_000, now = () => Date.now() }: { ttlMs: number; refreshAfterMs?: number; maxEntries?: number; now?: () => number },
): CredentialStatusSource {
  if (!(ttlMs >= 0) || !(refreshAfterMs >= 0)) throw new RangeError(`cachedStatusSource: ttlMs and refreshAfterMs must be non-negative, got ${ttlMs} and ${refreshAfterMs}`);
  type Read = { at: number; value: Promise<CredentialStatus | null> };
  /** `current` answers; `next` is a refresh in flight, which becomes `current` once it succeeds. */
  const cache = new Map<string, { current: Read; next?: Read }>();

  const read = (key: string, reference: Parameters<CredentialStatusSource['getStatus']>[0]): Read => {
    const entry: Read = { at: now(), value: inner.getStatus(reference) };
    entry.value.then(
      () => {
        const slot = cache.get(key);
        if (slot?.next === entry) cache.set(key, { current: entry });
      },
      () => {
        // A failed read must not be cached as an answer: drop it, and whatever it was to replace
        // stays only as long as its own TTL allows.
        const slot = cache.get(key);
        if (slot?.current === entry) cache.delete(key);
        else if (slot?.next === entry) slot.next = undefined;
      },
    );
    return entry;
  };

  return {
    getStatus(reference) {
      const key = `${reference.chainId}:${reference.registry.toLowerCase()}:${reference.uid.toLowerCase()}`;
      const t = now();
      const slot = cache.get(key);
      if (slot && t - slot.current.at < ttlMs) {
        if (!slot.next && t - slot.current.at >= refreshAfterMs) slot.next = read(key, reference);
        return slot.current.value;
      }
      // Expired (or never read): a refresh already under way is as fresh as a new read would be.
      if (slot?.next && t - slot.next.at < ttlMs) {
        cache.set(key, { current: slot.next });
        return slot.next.value;
      }
      if (!slot && cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      const entry = read(key, reference);
      cache.set(key, { current: entry });
      return entry.value;
    },
  };
}
