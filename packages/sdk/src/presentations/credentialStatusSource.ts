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
 * longest a verifier may act on a stale "not revoked".
 *
 * @example
 * const status = cachedStatusSource(chainStatusSource({ 31337: client }), { ttlMs: 5_000 })
 */
export function cachedStatusSource(
  inner: CredentialStatusSource,
  { ttlMs, maxEntries = 100_000, now = () => Date.now() }: { ttlMs: number; maxEntries?: number; now?: () => number },
): CredentialStatusSource {
  const cache = new Map<string, { at: number; value: Promise<CredentialStatus | null> }>();
  return {
    getStatus(reference) {
      const key = `${reference.chainId}:${reference.registry.toLowerCase()}:${reference.uid.toLowerCase()}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      const value = inner.getStatus(reference);
      cache.set(key, { at: now(), value });
      // A failed read must not be cached as an answer.
      value.catch(() => cache.delete(key));
      return value;
    },
  };
}
