import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getAddress } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf } from '../test/assertions.js';
import { getEntity } from './getEntity.js';
import { CredentialType } from '../types.js';

describe('getEntity', () => {
  let f: RegistryFixture;
  before(async () => (f = await registryFixture()));
  after(() => f.stop());

  it('describes the root as a self-registered government', async () => {
    const root = f.as(0);
    const entity = await root.getEntity({ entity: root.address });
    assert.ok(entity);
    assert.deepEqual(
      { account: entity.account, registrar: entity.registrar, kind: entity.kind, status: entity.status, linked: entity.linkedCredentials },
      { account: root.address, registrar: root.address, kind: 'Government', status: 'Active', linked: 0 },
    );
    assert.equal(entity.tokenId, BigInt(root.address));
    assert.equal(typeof entity.registeredAt, 'bigint');
    assert.ok(entity.registeredAt > 0n);
  });

  it('records the registrar, the kind and the block time of registration', async () => {
    const gov = f.as(0);
    const { blockNumber } = await gov.registerEntity({ entity: f.as(1).address, kind: 'Organization' });
    const block = await gov.getBlock({ blockNumber });
    const entity = await gov.getEntity({ entity: f.as(1).address });
    assert.deepEqual(entity, {
      account: f.as(1).address,
      registrar: gov.address,
      kind: 'Organization',
      status: 'Active',
      registeredAt: block.timestamp,
      linkedCredentials: 0,
      tokenId: BigInt(f.as(1).address),
    });
  });

  it('returns null for an account that was never registered', async () => {
    assert.equal(await f.as(0).getEntity({ entity: f.as(7).address }), null);
  });

  it('works unbound, and with a lower-case address', async () => {
    const entity = await getEntity(f.chain.wallet(3), { registry: f.registry, entity: f.as(0).address.toLowerCase() as `0x${string}` });
    assert.equal(entity?.kind, 'Government');
    assert.equal(getAddress(entity!.registrar), f.as(0).address);
  });

  it('keeps revoked entities, with their status', async () => {
    const gov = f.as(0);
    await gov.registerEntity({ entity: f.as(2).address, kind: 'Person' });
    await gov.revokeEntity({ entity: f.as(2).address });
    const entity = await gov.getEntity({ entity: f.as(2).address });
    assert.equal(entity?.status, 'Revoked');
    assert.equal(entity?.kind, 'Person');
  });

  it('counts the credentials linked into the identity tree', async () => {
    const gov = f.as(0);
    const alice = f.as(4);
    await gov.registerEntity({ entity: alice.address, kind: 'Person' });
    for (const label of ['passport-a', 'passport-b']) {
      const { uid } = await gov.anchorCredential({ subject: alice.address, credentialType: CredentialType.Passport, commitment: commitmentOf(label) });
      await alice.linkCredential({ uid });
    }
    assert.equal((await gov.getEntity({ entity: alice.address }))?.linkedCredentials, 2);
  });
});
