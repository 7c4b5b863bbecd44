import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Resolver } from 'did-resolver';
import { createPublicClient, getAddress, http } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { getIdentreeResolver } from './getIdentreeResolver.js';
import { toIdentreeDid } from './toIdentreeDid.js';
import type { IdentreeDidDocument } from './types.js';
import { IDENTREE_DID_CONTEXT, IDENTREE_DID_CONTEXT_URL } from './identreeDidContext.js';

describe('getIdentreeResolver', () => {
  let f: RegistryFixture;
  let resolver: Resolver;
  let chainId: number;
  const did = (index: number) => toIdentreeDid({ chainId, address: f.as(index).address });

  before(async () => {
    f = await registryFixture();
    chainId = f.chain.chain.id;
    const client = createPublicClient({ chain: f.chain.chain, transport: http(f.chain.rpcUrl) });
    resolver = new Resolver(getIdentreeResolver({ networks: [{ chainId, client, registry: f.registry }] }));
    const gov = f.as(0);
    await gov.registerEntity({ entity: f.as(1).address, kind: 'Person' });
    await gov.registerEntity({ entity: f.as(2).address, kind: 'Government' });
    await gov.registerEntity({ entity: f.as(3).address, kind: 'Issuer' });
    await gov.revokeEntity({ entity: f.as(3).address });
    await gov.registerEntity({ entity: f.as(4).address, kind: 'Organization' });
    await gov.suspendEntity({ entity: f.as(4).address });
  });
  after(() => f.stop());

  it('resolves a person to its controller key and registry record', async () => {
    const alice = f.as(1);
    const { didResolutionMetadata, didDocument, didDocumentMetadata } = await resolver.resolve(did(1));
    assert.equal(didResolutionMetadata.error, undefined);
    const tokenId = BigInt(alice.address).toString(10);
    const registry = getAddress(f.registry);
    assert.deepEqual(didDocument, {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/secp256k1recovery-2020/v2', IDENTREE_DID_CONTEXT_URL],
      id: did(1),
      controller: did(1),
      verificationMethod: [
        {
          id: `${did(1)}#controller`,
          type: 'EcdsaSecp256k1RecoveryMethod2020',
          controller: did(1),
          blockchainAccountId: `eip155:${chainId}:${alice.address}`,
        },
      ],
      authentication: [`${did(1)}#controller`],
      assertionMethod: [`${did(1)}#controller`],
      identree: {
        kind: 'Person',
        status: 'Active',
        registrar: did(0),
        registry: `eip155:${chainId}:${registry}`,
        identityToken: { tokenId, assetId: `eip155:${chainId}/erc721:${registry}/${tokenId}` },
      },
    } satisfies IdentreeDidDocument);
    assert.equal(didDocumentMetadata.deactivated, undefined);
    const { registeredAt } = (await alice.getEntity({ entity: alice.address }))!;
    assert.equal(didDocumentMetadata.created, new Date(Number(registeredAt) * 1000).toISOString());
    // Never moved: version 1, updated when it was created.
    assert.deepEqual([didDocumentMetadata.versionId, didDocumentMetadata.updated], ['1', didDocumentMetadata.created]);
  });

  it('defines every property of its own in the published context', async () => {
    const { didDocument } = await resolver.resolve(did(1));
    const terms = IDENTREE_DID_CONTEXT['@context'].identree['@context'];
    const ours = (didDocument as IdentreeDidDocument).identree;
    for (const key of Object.keys(ours)) assert.ok(key in terms, key);
    for (const key of Object.keys(ours.identityToken)) assert.ok(key in terms.identityToken['@context'], key);
  });

  it('resolves the root government as its own registrar, and a government it registered', async () => {
    const root = (await resolver.resolve(did(0))).didDocument as IdentreeDidDocument;
    assert.deepEqual([root.identree.kind, root.identree.registrar], ['Government', did(0)]);
    const regional = (await resolver.resolve(did(2))).didDocument as IdentreeDidDocument;
    assert.deepEqual([regional.identree.kind, regional.identree.status, regional.identree.registrar], ['Government', 'Active', did(0)]);
    assert.deepEqual(regional.assertionMethod, [`${did(2)}#controller`]);
  });

  it('resolves a DID URL with a fragment to the same document', async () => {
    const { didDocument } = await resolver.resolve(`${did(1)}#controller`);
    assert.equal(didDocument?.id, did(1));
  });

  it('marks a revoked entity deactivated and publishes no key for it', async () => {
    const { didResolutionMetadata, didDocument, didDocumentMetadata } = await resolver.resolve(did(3));
    assert.equal(didResolutionMetadata.error, undefined);
    assert.equal(didDocumentMetadata.deactivated, true);
    assert.equal((didDocument as IdentreeDidDocument).identree.status, 'Revoked');
    assert.deepEqual(
      [didDocument?.verificationMethod, didDocument?.authentication, didDocument?.assertionMethod],
      [[], [], []],
    );
  });

  it('keeps a suspended entity active as a DID, with its status in the document', async () => {
    const { didDocument, didDocumentMetadata } = await resolver.resolve(did(4));
    assert.equal(didDocumentMetadata.deactivated, undefined);
    assert.equal((didDocument as IdentreeDidDocument).identree.status, 'Suspended');
    assert.deepEqual(didDocument?.assertionMethod, [`${did(4)}#controller`]);
    assert.equal((await resolver.resolve(did(4))).didDocumentMetadata.suspended, true);
  });

  it('answers notFound for an account that was never registered', async () => {
    const result = await resolver.resolve(did(9));
    assert.equal(result.didDocument, null);
    assert.equal(result.didResolutionMetadata.error, 'notFound');
    assert.match(result.didResolutionMetadata.message, /is not registered in registry/);
  });

  it('answers invalidDid for a malformed or non-canonical identree DID', async () => {
    for (const bad of ['did:identree:31337:0x1234', `did:identree:${chainId}:${f.as(1).address.toLowerCase()}`, `did:identree:0${chainId}:${f.as(1).address}`]) {
      const result = await resolver.resolve(bad);
      assert.equal(result.didDocument, null, bad);
      assert.equal(result.didResolutionMetadata.error, 'invalidDid', bad);
      assert.match(result.didResolutionMetadata.message, /^Invalid DID/, bad);
    }
  });

  it('answers notFound, naming the chain, for a DID on a chain it has no registry for', async () => {
    const result = await resolver.resolve(toIdentreeDid({ chainId: 1, address: f.as(1).address }));
    assert.equal(result.didDocument, null);
    assert.equal(result.didResolutionMetadata.error, 'notFound');
    assert.match(result.didResolutionMetadata.message, new RegExp(`no registry for chain 1 \\(it serves chains: ${chainId}\\)`));
  });

  it('reports an unreachable node as internalError instead of throwing', async () => {
    const dead = createPublicClient({ transport: http('http://127.0.0.1:9', { retryCount: 0 }) });
    const offline = new Resolver(getIdentreeResolver({ networks: [{ chainId, client: dead, registry: f.registry }] }));
    const result = await offline.resolve(did(1));
    assert.equal(result.didDocument, null);
    assert.equal(result.didResolutionMetadata.error, 'internalError');
  });

  it('refuses a network whose client is configured for another chain', () => {
    assert.throws(
      () => getIdentreeResolver({ networks: [{ chainId: 1, client: f.as(0), registry: f.registry }] }),
      (e: unknown) => e instanceof InvalidParameterError && /configured for chain 31337/.test(e.shortMessage),
    );
  });
});
