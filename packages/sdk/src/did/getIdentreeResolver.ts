import type { DIDResolutionResult, DIDResolver } from 'did-resolver';
import { getAddress, isAddress, type Address } from 'viem';
import { getEntity } from '../actions/getEntity.js';
import { InvalidParameterError } from '../errors/base.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { keyOf } from '../recovery/keyOf.js';
import { getCompromise } from '../compromise/getCompromise.js';
import type { Entity } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { InvalidDidError } from './errors.js';
import { IDENTREE_DID_CONTEXT_URL } from './identreeDidContext.js';
import { chainKeyHistory, type KeyChangeRecord, type KeyHistorySource } from './keyHistory.js';
import { parseIdentreeDid } from './parseIdentreeDid.js';
import { chainStatusHistory, statusAt, type StatusHistorySource } from './statusHistory.js';
import { toIdentreeDid } from './toIdentreeDid.js';
import type { IdentreeDidDocument } from './types.js';

/**
 * One Identree deployment the resolver can read. `keyHistory` is where key changes are read from
 * (the service passes its indexer); without it the holder registry's logs are read.
 */
export type IdentreeNetwork = {
  chainId: number;
  client: RegistryClient;
  registry: Address;
  holderRegistry?: Address;
  keyHistory?: KeyHistorySource;
  statusHistory?: StatusHistorySource;
};

export type GetIdentreeResolverParameters = {
  networks: readonly IdentreeNetwork[];
  /** Where the JSON-LD context of the `identree` properties is published (the service serves it). */
  contextUrl?: string;
};
/** The registry shape did-resolver's `Resolver` (and so Veramo and did-jwt) takes. */
export type GetIdentreeResolverReturnType = { identree: DIDResolver };

const BASE_CONTEXT = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/secp256k1recovery-2020/v2'];
const CONTROLLER_KEY = '#controller';

const failure = (error: string, message: string): DIDResolutionResult => ({
  didResolutionMetadata: { error, message },
  didDocument: null,
  didDocumentMetadata: {},
});

/**
 * A did-resolver method resolver for `did:identree:<chainId>:<address>`. The DID document is read
 * from the registry each time: the one verification method is the key that controls the identity
 * now (`keyOf`, as `EcdsaSecp256k1RecoveryMethod2020` with its CAIP-10 `blockchainAccountId`), so a
 * key retired by rotation, guardian recovery or a registrar rebind verifies nothing; `identree`
 * carries kind, status, registrar and identity token. The metadata's `versionId` counts key changes
 * (1 = as registered) and `updated` is the time of the last one. A `?versionTime=<ISO date-time>`
 * DID URL answers with the key that controlled the identity at that moment.
 *
 * A suspended entity keeps its key, because the credentials it issued stay valid on chain; check
 * `identree.status` before trusting it for anything new. A revoked entity resolves with
 * `deactivated: true` and no keys.
 *
 * Resolution never throws: failures come back in `didResolutionMetadata.error`
 * (`invalidDid`, `notFound`, `internalError`) with a `message`.
 *
 * @example
 * const resolver = new Resolver(getIdentreeResolver({ networks: [{ chainId: 31337, client, registry }] }))
 * const { didDocument, didDocumentMetadata } = await resolver.resolve('did:identree:31337:0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')
 */
export function getIdentreeResolver({ networks, contextUrl = IDENTREE_DID_CONTEXT_URL }: GetIdentreeResolverParameters): GetIdentreeResolverReturnType {
  const byChain = new Map<number, IdentreeNetwork>();
  for (const network of networks) {
    const { chainId, client, registry } = network;
    if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new InvalidParameterError('networks', `chain id ${chainId} is not a positive integer`);
    if (byChain.has(chainId)) throw new InvalidParameterError('networks', `chain ${chainId} is listed twice`);
    if (!isAddress(registry)) throw new InvalidParameterError('networks', `registry ${registry} on chain ${chainId} is not an address`);
    // A client pointed at another chain would answer for the wrong registry without any error.
    if (client.chain && client.chain.id !== chainId) {
      throw new InvalidParameterError('networks', `the client for chain ${chainId} is configured for chain ${client.chain.id}`);
    }
    byChain.set(chainId, { ...network, registry: getAddress(registry) });
  }
  const holderRegistries = new Map<number, Promise<Address>>();
  const histories = new Map<number, KeyHistorySource>();
  const holderRegistryOf = (network: IdentreeNetwork) => {
    if (network.holderRegistry) return Promise.resolve(network.holderRegistry);
    let found = holderRegistries.get(network.chainId);
    if (!found) {
      found = getHolderRegistry(network.client, { registry: network.registry });
      found.catch(() => holderRegistries.delete(network.chainId));
      holderRegistries.set(network.chainId, found);
    }
    return found;
  };
  const historyOf = async (network: IdentreeNetwork): Promise<KeyHistorySource> => {
    if (network.keyHistory) return network.keyHistory;
    let history = histories.get(network.chainId);
    if (!history) histories.set(network.chainId, (history = chainKeyHistory(network.client, { holderRegistry: await holderRegistryOf(network) })));
    return history;
  };

  const statusHistories = new Map<number, StatusHistorySource>();
  const statusHistoryOf = (network: IdentreeNetwork): StatusHistorySource => {
    if (network.statusHistory) return network.statusHistory;
    let history = statusHistories.get(network.chainId);
    if (!history) statusHistories.set(network.chainId, (history = chainStatusHistory(network.client, { registry: network.registry })));
    return history;
  };

  const identree: DIDResolver = async (did, parsed) => {
    try {
      let target: { chainId: number; address: Address };
      try {
        target = parseIdentreeDid(did);
      } catch (error) {
        if (error instanceof InvalidDidError) return failure('invalidDid', error.shortMessage);
        throw error;
      }
      const network = byChain.get(target.chainId);
      if (!network) {
        const served = [...byChain.keys()].join(', ') || 'none';
        return failure('notFound', `${did}: this resolver has no registry for chain ${target.chainId} (it serves chains: ${served})`);
      }
      const versionTimeParam = new URLSearchParams(parsed.query ?? '').get('versionTime') ?? undefined;
      const versionTime = versionTimeParam === undefined ? undefined : Date.parse(versionTimeParam);
      if (versionTime !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(versionTimeParam!) || Number.isNaN(versionTime))) {
        return failure('invalidDidUrl', `${parsed.didUrl}: versionTime "${versionTimeParam}" is not an ISO 8601 date-time (e.g. 2026-01-31T12:00:00Z)`);
      }
      const current = await getEntity(network.client, { registry: network.registry, entity: target.address });
      if (!current) return failure('notFound', `${did} is not registered in registry ${network.registry} on chain ${network.chainId}`);
      const created = new Date(Number(current.registeredAt) * 1000);
      if (versionTime !== undefined && versionTime < created.getTime()) {
        return failure('notFound', `${did} was not registered yet at ${new Date(versionTime).toISOString()} (registered ${created.toISOString()})`);
      }
      // At a past moment the standing is the one of that moment too: a signature made before a
      // revocation checks against the key that was valid then.
      const entity: Entity =
        versionTime === undefined ? current : { ...current, status: statusAt(await statusHistoryOf(network)(target.address), versionTime) };
      const changes = await (await historyOf(network))(target.address);
      const version = versionTime === undefined ? changes.length : changes.filter((c) => c.time.getTime() <= versionTime).length;
      // The current key comes from the contract itself, so an indexer that lags cannot keep a retired key alive.
      const key =
        versionTime === undefined
          ? await keyOf(network.client, { holderRegistry: await holderRegistryOf(network), identity: target.address })
          : (changes[version - 1]?.key ?? target.address);
      // A report is on chain from its block on: at a past moment before it, the document does not show it yet.
      const report = await getCompromise(network.client, { holderRegistry: await holderRegistryOf(network), entity: target.address });
      const compromise = report && (versionTime === undefined || report.reportedAt * 1000 <= versionTime)
        ? { since: new Date(report.since * 1000).toISOString(), reportedAt: new Date(report.reportedAt * 1000).toISOString() }
        : undefined;
      const revoked = entity.status === 'Revoked';
      const last: KeyChangeRecord | undefined = changes[version - 1];
      const next: KeyChangeRecord | undefined = changes[version];
      return {
        didResolutionMetadata: { contentType: 'application/did+ld+json' },
        didDocument: didDocumentOf(did, entity, network, key ?? target.address, contextUrl, compromise),
        didDocumentMetadata: {
          created: created.toISOString(),
          updated: (last?.time ?? created).toISOString(),
          versionId: String(version + 1),
          ...(next ? { nextVersionId: String(version + 2), nextUpdate: next.time.toISOString() } : {}),
          ...(revoked ? { deactivated: true } : {}),
          ...(entity.status === 'Suspended' ? { suspended: true } : {}),
        },
      };
    } catch (error) {
      // did-resolver's contract is a result, not an exception: an RPC failure is reported too.
      return failure('internalError', error instanceof Error ? error.message : String(error));
    }
  };
  return { identree };
}

function didDocumentOf(did: string, entity: Entity, { chainId, registry }: IdentreeNetwork, controllerKey: Address, contextUrl: string, compromise?: { since: string; reportedAt: string }): IdentreeDidDocument {
  const tokenId = entity.tokenId.toString(10);
  const key = `${did}${CONTROLLER_KEY}`;
  // A revoked identity must not authenticate or assert anything any more, so it publishes no key.
  const keys =
    entity.status === 'Revoked'
      ? { verificationMethod: [], authentication: [], assertionMethod: [] }
      : {
          verificationMethod: [
            {
              id: key,
              type: 'EcdsaSecp256k1RecoveryMethod2020',
              controller: did,
              blockchainAccountId: `eip155:${chainId}:${getAddress(controllerKey)}`,
            },
          ],
          authentication: [key],
          assertionMethod: [key],
        };
  return {
    '@context': [...BASE_CONTEXT, contextUrl],
    id: did,
    controller: did,
    ...keys,
    identree: {
      kind: entity.kind,
      status: entity.status,
      registrar: toIdentreeDid({ chainId, address: entity.registrar }),
      registry: `eip155:${chainId}:${registry}`,
      identityToken: { tokenId, assetId: `eip155:${chainId}/erc721:${registry}/${tokenId}` },
      ...(compromise ? { compromise } : {}),
    },
  };
}
