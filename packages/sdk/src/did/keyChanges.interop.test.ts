import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Resolver } from 'did-resolver';
import { createJWT, ES256KSigner, verifyJWT } from 'did-jwt';
import { createPublicClient, hexToBytes, http, keccak256, stringToHex, type Address } from 'viem';
import { devPrivateKey } from '@identree/devchain';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { holderActions } from '../clients/holderActions.js';
import { getIdentreeResolver } from './getIdentreeResolver.js';
import { toIdentreeDid } from './toIdentreeDid.js';

/**
 * did-jwt (which nobody here wrote) verifying JWTs against our resolver: only the key that controls
 * the identity now verifies, before and after a rotation, a guardian recovery and a registrar rebind.
 */
describe('did-jwt verifyJWT against did:identree across key changes', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  let resolver: Resolver;
  const as = (i: number) => Object.assign(f.as(i).extend(holderActions(holderRegistry)), { address: f.as(i).address });
  const did = (i: number) => toIdentreeDid({ chainId: f.chain.chain.id, address: f.as(i).address });
  // Signed with dev key `keyIndex`, claiming to be identity `identity`.
  const jwtFor = (identity: number, keyIndex: number) =>
    createJWT({ sub: did(identity), nonce: `${identity}-${keyIndex}` }, { issuer: did(identity), signer: ES256KSigner(hexToBytes(devPrivateKey(keyIndex))) }, { alg: 'ES256K' });
  const verifies = async (identity: number, keyIndex: number) => {
    const jwt = await jwtFor(identity, keyIndex);
    try {
      // did-jwt bundles its own did-resolver types (v4); the runtime interface is the same.
      const verified = await verifyJWT(jwt, { resolver: resolver as never });
      return verified.issuer === did(identity);
    } catch (error) {
      assert.match(String((error as Error).message), /invalid_signature|no matching public key|no_suitable_keys/, 'refused for its key, not for another reason');
      return false;
    }
  };

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    const client = createPublicClient({ chain: f.chain.chain, transport: http(f.chain.rpcUrl) });
    resolver = new Resolver(getIdentreeResolver({ networks: [{ chainId: f.chain.chain.id, client, registry: f.registry }] }));
    // 1 dave (rotates to 2); 3 alice (recovered to 4 by guardians 5, 6); 7 carol (rebound to 8 by root).
    for (const i of [1, 3, 5, 6, 7]) await f.as(0).registerEntity({ entity: f.as(i).address, kind: 'Person' });
  });
  after(() => f.stop());

  it('accepts the current key and refuses a retired one after a rotation', async () => {
    assert.equal(await verifies(1, 1), true);
    assert.equal(await verifies(1, 2), false);
    const before = await resolver.resolve(did(1));
    assert.equal(before.didDocumentMetadata.versionId, '1');
    await as(1).rotateKey(await as(2).signAcceptKey({ identity: as(1).address }));
    assert.equal(await verifies(1, 2), true);
    assert.equal(await verifies(1, 1), false);
    const after = await resolver.resolve(did(1));
    assert.equal(after.didDocumentMetadata.versionId, '2');
    assert.deepEqual(after.didDocument?.verificationMethod?.map((m) => m.blockchainAccountId), [`eip155:${f.chain.chain.id}:${f.as(2).address}`]);
  });

  it('follows a guardian recovery', async () => {
    const alice = as(3);
    const newKey = as(4).address;
    await alice.addGuardian({ guardian: as(5).address, threshold: 1 });
    await alice.addGuardian({ guardian: as(6).address, threshold: 2 });
    assert.equal(await verifies(3, 3), true);
    await as(5).approveRecovery({ identity: alice.address, newKey });
    await as(6).approveRecovery({ identity: alice.address, newKey });
    const ready = await alice.recoveryOf({ identity: alice.address, newKey });
    await f.chain.test.setNextBlockTimestamp({ timestamp: BigInt(ready.readyAt) });
    await f.chain.test.mine({ blocks: 1 });
    await as(5).finalizeRecovery({ identity: alice.address, newKey });
    assert.equal(await verifies(3, 4), true);
    assert.equal(await verifies(3, 3), false);
  });

  it('follows a registrar rebind, and answers a past versionTime with the key of that moment', async () => {
    assert.equal(await verifies(7, 7), true);
    const registered = (await resolver.resolve(did(7))).didDocumentMetadata.created!;
    await f.chain.test.mine({ blocks: 1, interval: 100 });
    await as(0).rebindByRegistrar({ identity: as(7).address, newKey: as(8).address, evidence: keccak256(stringToHex('in-person check')) });
    assert.equal(await verifies(7, 8), true);
    assert.equal(await verifies(7, 7), false);

    const now = await resolver.resolve(did(7));
    const rebound = now.didDocumentMetadata.updated!;
    assert.ok(Date.parse(rebound) > Date.parse(registered));
    const past = await resolver.resolve(`${did(7)}?versionTime=${encodeURIComponent(registered)}`);
    assert.equal(past.didResolutionMetadata.error, undefined);
    assert.deepEqual(past.didDocument?.verificationMethod?.map((m) => m.blockchainAccountId), [`eip155:${f.chain.chain.id}:${f.as(7).address}`]);
    assert.deepEqual([past.didDocumentMetadata.versionId, past.didDocumentMetadata.nextVersionId, past.didDocumentMetadata.nextUpdate], ['1', '2', rebound]);
    const later = await resolver.resolve(`${did(7)}?versionTime=${encodeURIComponent(rebound)}`);
    assert.deepEqual(later.didDocument?.verificationMethod?.map((m) => m.blockchainAccountId), [`eip155:${f.chain.chain.id}:${f.as(8).address}`]);

    const tooEarly = await resolver.resolve(`${did(7)}?versionTime=2000-01-01T00:00:00Z`);
    assert.equal(tooEarly.didResolutionMetadata.error, 'notFound');
    assert.match(tooEarly.didResolutionMetadata.message!, /was not registered yet at 2000-01-01T00:00:00.000Z/);
    const malformed = await resolver.resolve(`${did(7)}?versionTime=yesterday`);
    assert.equal(malformed.didResolutionMetadata.error, 'invalidDidUrl');
    assert.match(malformed.didResolutionMetadata.message!, /versionTime "yesterday" is not an ISO 8601 date-time/);
  });

  it('answers a versionTime before a suspension or revocation with the standing and key of that moment', async () => {
    await f.as(0).registerEntity({ entity: f.as(9).address, kind: 'Organization' });
    const registered = (await resolver.resolve(did(9))).didDocumentMetadata.created!;
    await f.chain.test.mine({ blocks: 1, interval: 100 });
    await f.as(0).suspendEntity({ entity: f.as(9).address });
    await f.chain.test.mine({ blocks: 1, interval: 100 });
    const suspendedAt = new Date(Date.parse(registered) + 150_000).toISOString();
    await f.as(0).revokeEntity({ entity: f.as(9).address });

    const now = await resolver.resolve(did(9));
    assert.equal(now.didDocumentMetadata.deactivated, true);
    assert.deepEqual(now.didDocument?.verificationMethod ?? [], []);
    assert.equal(await verifies(9, 9), false, 'a revoked identity verifies nothing now');

    const before = await resolver.resolve(`${did(9)}?versionTime=${encodeURIComponent(registered)}`);
    assert.equal(before.didDocumentMetadata.deactivated, undefined);
    assert.equal((before.didDocumentMetadata as { suspended?: boolean }).suspended, undefined);
    assert.deepEqual(before.didDocument?.verificationMethod?.map((m) => m.blockchainAccountId), [`eip155:${f.chain.chain.id}:${f.as(9).address}`]);

    const suspended = await resolver.resolve(`${did(9)}?versionTime=${encodeURIComponent(suspendedAt)}`);
    assert.equal((suspended.didDocumentMetadata as { suspended?: boolean }).suspended, true);
    assert.equal(suspended.didDocumentMetadata.deactivated, undefined);
  });
});
