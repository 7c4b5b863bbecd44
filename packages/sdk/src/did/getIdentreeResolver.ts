import type { DIDResolutionResult, DIDResolver } from 'did-resolver';
import { getAddress, isAddress, type Address } from 'viem';
import { getEntity } from '../actions/getEntity.js';
import { InvalidParameterError } from '../errors/base.js';
import type { Entity } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { InvalidDidError } from './errors.js';
import { parseIdentreeDid } from './parseIdentreeDid.js';
import { toIdentreeDid } from './toIdentreeDid.js';
import type { IdentreeDidDocument } from './types.js';

/** One Identree deployment the resolver can read. */
export type IdentreeNetwork = { chainId: number; client: RegistryClient; registry: Address };

export type GetIdentreeResolverParameters = { networks: readonly IdentreeNetwork[] };
/** The registry shape did-resolver's `Resolver` (and so Veramo and did-jwt) takes. */
export type GetIdentreeResolverReturnType = { identree: DIDResolver };

const DID_CONTEXT = ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/secp256k1recovery-2020/v2'];
const CONTROLLER_KEY = '#controller';

const failure = (error: string, message: string): DIDResolutionResult => ({
  didResolutionMetadata: { error, message },
  didDocument: null,
  didDocumentMetadata: {},
});

/**
 * A did-resolver method resolver for `did:identree:<chainId>:<address>`. The DID document is read
 * from the registry each time: the controller key is the account itself
 * (`EcdsaSecp256k1RecoveryMethod2020` with its CAIP-10 `blockchainAccountId`), and `identree`
 * carries kind, status, registrar and identity token.
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
export function getIdentreeResolver({ networks }: GetIdentreeResolverParameters): GetIdentreeResolverReturnType {
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
    byChain.set(chainId, { chainId, client, registry: getAddress(registry) });
  }

  const identree: DIDResolver = async (did) => {
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
      const entity = await getEntity(network.client, { registry: network.registry, entity: target.address });
      if (!entity) return failure('notFound', `${did} is not registered in registry ${network.registry} on chain ${network.chainId}`);
      const revoked = entity.status === 'Revoked';
      return {
        didResolutionMetadata: { contentType: 'application/did+ld+json' },
        didDocument: didDocumentOf(did, entity, network),
        didDocumentMetadata: {
          created: new Date(Number(entity.registeredAt) * 1000).toISOString(),
          ...(revoked ? { deactivated: true } : {}),
        },
      };
    } catch (error) {
      // did-resolver's contract is a result, not an exception: an RPC failure is reported too.
      return failure('internalError', error instanceof Error ? error.message : String(error));
    }
  };
  return { identree };
}

function didDocumentOf(did: string, entity: Entity, { chainId, registry }: IdentreeNetwork): IdentreeDidDocument {
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
              blockchainAccountId: `eip155:${chainId}:${entity.account}`,
            },
          ],
          authentication: [key],
          assertionMethod: [key],
        };
  return {
    '@context': DID_CONTEXT,
    id: did,
    controller: did,
    ...keys,
    identree: {
      kind: entity.kind,
      status: entity.status,
      registrar: toIdentreeDid({ chainId, address: entity.registrar }),
      registry: `eip155:${chainId}:${registry}`,
      identityToken: { tokenId, assetId: `eip155:${chainId}/erc721:${registry}/${tokenId}` },
    },
  };
}
