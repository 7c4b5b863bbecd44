import type { Address, Hash } from 'viem';
import { getCredentialTypeName } from '../actions/getCredentialTypeName.js';
import { readContract } from 'viem/actions';
import { identityRegistryAbi } from '@identree/abi';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { keyOf } from '../recovery/keyOf.js';
import { getEntity } from '../actions/getEntity.js';
import { CertificationLevel, nameOf, type CertificationLevelName, type EntityStatusName } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { getCompromise, type Compromise } from '../compromise/getCompromise.js';
import { getAnchorTime } from '../compromise/getAnchorTime.js';

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

/** A registry on a chain. */
export type RegistryReference = { chainId: number; registry: Address };

/**
 * Where a verifier's trust comes from. A presentation names the registry of each credential
 * itself, so the source, configured by the verifier, decides which registries count at all:
 * a registry it does not trust is never read, or any contract answering `credential()` with
 * "GovernmentCertified" would mint levels.
 */
export interface CredentialStatusSource {
  /** Whether credentials anchored in this registry can be verified here at all. */
  trusts(reference: RegistryReference): boolean;
  getStatus(reference: RegistryReference & { uid: Hash }): Promise<CredentialStatus | null>;
  /**
   * The key that controls `identity` now, by that registry's holder registry: the identity's own
   * address until its first change of key, null when `identity` is only a key (bound or retired).
   */
  currentKey(reference: RegistryReference & { identity: Address }): Promise<Address | null>;
  /** An entity's standing in that registry now (Active, Suspended, Revoked); null when it is not registered. */
  entityStatus(reference: RegistryReference & { entity: Address }): Promise<EntityStatusName | null>;
  /** The compromise a registrar reported on `entity` (its holder registry's `compromiseOf`), null when none. */
  compromise(reference: RegistryReference & { entity: Address }): Promise<Compromise | null>;
  /** When the credential was anchored (unix seconds, its event's block time), null when it never was. Read only for issuers with a report. */
  anchorTime(reference: RegistryReference & { uid: Hash }): Promise<number | null>;
}

/** One string per registry on a chain, whatever the case of its address: for sets and cache keys. */
export const registryKey = ({ chainId, registry }: RegistryReference) => `${chainId}:${registry.toLowerCase()}`;

/** One chain a verifier reads, and the registries on it that it trusts. */
export type TrustedChain = { client: RegistryClient; registries: readonly Address[] };

/**
 * Reads credential status and holder keys straight from the trusted registries, by chain id.
 *
 * @example
 * const status = chainStatusSource({ 31337: { client, registries: [registry] } })
 */
export function chainStatusSource(chains: Record<number, TrustedChain>): CredentialStatusSource {
  const trusted = new Set(Object.entries(chains).flatMap(([chainId, { registries }]) => registries.map((registry) => registryKey({ chainId: Number(chainId), registry }))));
  const trusts = (reference: RegistryReference) => trusted.has(registryKey(reference));
  const typeNames = new Map<string, string>();
  // A registry's holder registry is fixed when it is deployed: read once, and again only after a failed read.
  const holderRegistries = new Map<string, Promise<Address>>();
  const clientFor = ({ chainId, registry }: RegistryReference) => {
    if (!trusts({ chainId, registry })) throw new RangeError(`registry ${registry} on chain ${chainId} is not trusted by this status source`);
    return chains[chainId]!.client;
  };
  const holderRegistryOf = (reference: RegistryReference): Promise<Address> => {
    const key = registryKey(reference);
    let holderRegistry = holderRegistries.get(key);
    if (!holderRegistry) {
      holderRegistry = getHolderRegistry(clientFor(reference), { registry: reference.registry });
      holderRegistries.set(key, holderRegistry);
      holderRegistry.catch(() => holderRegistries.delete(key));
    }
    return holderRegistry;
  };
  return {
    trusts,
    async getStatus(reference) {
      const { chainId, registry, uid } = reference;
      const client = clientFor(reference);
      const raw = await readContract(client, { address: registry, abi: identityRegistryAbi, functionName: 'credential', args: [uid] });
      if (/^0x0{40}$/.test(raw.subject)) return null;
      const typeKey = `${registryKey(reference)}:${raw.credentialType}`;
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
    async currentKey(reference) {
      return keyOf(clientFor(reference), { holderRegistry: await holderRegistryOf(reference), identity: reference.identity });
    },
    async entityStatus(reference) {
      const entity = await getEntity(clientFor(reference), { registry: reference.registry, entity: reference.entity });
      return entity?.status ?? null;
    },
    async compromise(reference) {
      return getCompromise(clientFor(reference), { holderRegistry: await holderRegistryOf(reference), entity: reference.entity });
    },
    async anchorTime(reference) {
      return (await getAnchorTime(clientFor(reference), { registry: reference.registry, uid: reference.uid }))?.timestamp ?? null;
    },
  };
}

/**
 * Caches another source for `ttlMs`: credential statuses, holder keys and entity standing alike. Revocation and a
 * change of key then take effect within the TTL: choose it as the longest a verifier may act on a
 * stale "not revoked" or a retired key. No answer is ever older than `ttlMs`, counted from when
 * its read began.
 *
 * An entry in use is re-read ahead of time: the first lookup after `refreshAfterMs` (half the
 * TTL unless set) starts one read in the background and is still answered from the cache, which
 * the new read replaces when it lands. Without this, every verification of a hot credential would
 * wait for the same chain read once per TTL, and under load the whole queue stalls behind it.
 * Only when a refresh has not landed by the end of the TTL do callers wait for it.
 *
 * @example
 * const status = cachedStatusSource(chainStatusSource({ 31337: { client, registries: [registry] } }), { ttlMs: 5_000 })
 */
export function cachedStatusSource(
  inner: CredentialStatusSource,
  { ttlMs, refreshAfterMs = ttlMs / 2, maxEntries = 100_000, now = () => Date.now() }: { ttlMs: number; refreshAfterMs?: number; maxEntries?: number; now?: () => number },
): CredentialStatusSource {
  if (!(ttlMs >= 0) || !(refreshAfterMs >= 0)) throw new RangeError(`cachedStatusSource: ttlMs and refreshAfterMs must be non-negative, got ${ttlMs} and ${refreshAfterMs}`);
  type Read = { at: number; value: Promise<unknown> };
  /** `current` answers; `next` is a refresh in flight, which becomes `current` once it succeeds. */
  const cache = new Map<string, { current: Read; next?: Read }>();

  const read = (key: string, load: () => Promise<unknown>): Read => {
    const entry: Read = { at: now(), value: load() };
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

  const lookup = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const t = now();
    const slot = cache.get(key);
    if (slot && t - slot.current.at < ttlMs) {
      if (!slot.next && t - slot.current.at >= refreshAfterMs) slot.next = read(key, load);
      return slot.current.value as Promise<T>;
    }
    // Expired (or never read): a refresh already under way is as fresh as a new read would be.
    if (slot?.next && t - slot.next.at < ttlMs) {
      cache.set(key, { current: slot.next });
      return slot.next.value as Promise<T>;
    }
    if (!slot && cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    const entry = read(key, load);
    cache.set(key, { current: entry });
    return entry.value as Promise<T>;
  };

  return {
    trusts: (reference) => inner.trusts(reference),
    getStatus: (reference) => lookup(`status:${registryKey(reference)}:${reference.uid.toLowerCase()}`, () => inner.getStatus(reference)),
    currentKey: (reference) => lookup(`key:${registryKey(reference)}:${reference.identity.toLowerCase()}`, () => inner.currentKey(reference)),
    entityStatus: (reference) => lookup(`entity:${registryKey(reference)}:${reference.entity.toLowerCase()}`, () => inner.entityStatus(reference)),
    compromise: (reference) => lookup(`compromise:${registryKey(reference)}:${reference.entity.toLowerCase()}`, () => inner.compromise(reference)),
    // An anchoring time never changes once read (a reorg that drops the anchor also drops the credential's status).
    anchorTime: (reference) => lookup(`anchored:${registryKey(reference)}:${reference.uid.toLowerCase()}`, () => inner.anchorTime(reference)),
  };
}
