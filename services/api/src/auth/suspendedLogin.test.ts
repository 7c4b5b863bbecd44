import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** Sign-in reads the entity's standing at login: only an active entity gets the role of its kind. */
describe('login for a suspended or revoked entity', () => {
  let f: ServiceFixture;
  const [person, revoked] = Array.from({ length: 2 }, () => privateKeyToAccount(generatePrivateKey()));
  const roleOf = async (account: typeof person) => {
    const me = await f.app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${await f.login(account)}` } });
    assert.equal(me.statusCode, 200, me.body);
    return me.json().role as string;
  };

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: person.address, kind: 'Person' });
    await f.chain.sponsor.registerEntity({ entity: revoked.address, kind: 'Person' });
  });
  after(() => f.stop());

  it('gives a suspended entity no role beyond visitor, and its kind again once reinstated', async () => {
    assert.equal(await roleOf(person), 'Person');
    await f.chain.sponsor.suspendEntity({ entity: person.address });
    assert.equal(await roleOf(person), 'visitor');
    await f.chain.sponsor.reinstateEntity({ entity: person.address });
    assert.equal(await roleOf(person), 'Person');
  });

  it('gives a revoked entity no role beyond visitor', async () => {
    await f.chain.sponsor.revokeEntity({ entity: revoked.address });
    assert.equal(await roleOf(revoked), 'visitor');
  });
});
