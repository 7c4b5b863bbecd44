import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zeroAddress } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import {
  EntityAlreadyRegisteredError,
  EntityKindNotAllowedError,
  EntityNotRegisteredError,
  EntityZeroAddressError,
} from '../errors/registry.js';
import { InvalidParameterError } from '../errors/base.js';

describe('registerEntity', () => {
  let f: RegistryFixture;
  before(async () => (f = await registryFixture()));
  after(() => f.stop());

  it('mints one identity token whose id is the account', async () => {
    const gov = f.as(0);
    const alice = f.as(1);
    const { tokenId, gasUsed } = await gov.registerEntity({ entity: alice.address, kind: 'Person' });
    assert.equal(tokenId, BigInt(alice.address));
    assert.ok(gasUsed > 21_000n);
    const entity = await gov.getEntity({ entity: alice.address });
    assert.deepEqual(
      { kind: entity?.kind, status: entity?.status, registrar: entity?.registrar, tokenId: entity?.tokenId },
      { kind: 'Person', status: 'Active', registrar: gov.address, tokenId },
    );
  });

  it('rejects a duplicate registration with a typed error', async () => {
    const gov = f.as(0);
    await assert.rejects(gov.registerEntity({ entity: f.as(1).address, kind: 'Person' }), (e: unknown) => {
      assert.ok(e instanceof EntityAlreadyRegisteredError);
      assert.equal(e.args[0], f.as(1).address);
      assert.match(e.shortMessage, /already registered/);
      return true;
    });
  });

  it('rejects the zero address', async () => {
    await assert.rejects(f.as(0).registerEntity({ entity: zeroAddress, kind: 'Person' }), EntityZeroAddressError);
  });

  it('lets a government create governments, but not an admin', async () => {
    const gov = f.as(0);
    await gov.registerEntity({ entity: f.as(2).address, kind: 'Government' });
    await gov.registerEntity({ entity: f.as(3).address, kind: 'Admin' });
    await f.as(2).registerEntity({ entity: f.as(4).address, kind: 'Government' });
    await assert.rejects(f.as(3).registerEntity({ entity: f.as(5).address, kind: 'Government' }), (e: unknown) => {
      assert.ok(e instanceof EntityKindNotAllowedError);
      assert.match(e.shortMessage, /\(Admin\) may not register a Government/);
      return true;
    });
  });

  it('rejects an unregistered registrar', async () => {
    await assert.rejects(f.as(9).registerEntity({ entity: f.as(10).address, kind: 'Person' }), EntityNotRegisteredError);
  });

  it('rejects an unknown kind before sending anything', async () => {
    const gov = f.as(0);
    const nonce = await gov.getTransactionCount({ address: gov.address });
    await assert.rejects(gov.registerEntity({ entity: f.as(11).address, kind: 'Wizard' as never }), InvalidParameterError);
    assert.equal(await gov.getTransactionCount({ address: gov.address }), nonce);
  });
});
