import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseEventLogs } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { commitmentOf, latestTimestamp, rejectsWith } from '../test/assertions.js';
import { CredentialAlreadyRevokedError, CredentialNotFoundError } from '../errors/registry.js';
import { credentialId } from '../utils/credentialId.js';
import { isCredentialValid } from './isCredentialValid.js';
import { CredentialType } from '../types.js';

describe('revokeCredential and isCredentialValid', () => {
  let f: RegistryFixture;
  // 0 root, 1 an issuer, 2 alice, 3 another issuer.
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Issuer' });
    await f.as(0).registerEntity({ entity: f.as(2).address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(3).address, kind: 'Issuer' });
  });
  after(() => f.stop());

  const anchor = (label: string, window: { validFrom?: number; validUntil?: number } = {}) =>
    f.as(1).anchorCredential({ subject: f.as(2).address, credentialType: CredentialType.CarTitle, commitment: commitmentOf(label), ...window });

  it('makes a valid credential invalid', async () => {
    const issuer = f.as(1);
    const { uid } = await anchor('revoke-me');
    assert.equal(await issuer.isCredentialValid({ uid }), true);
    const { hash } = await issuer.revokeCredential({ commitment: commitmentOf('revoke-me') });
    assert.equal(await issuer.isCredentialValid({ uid }), false);
    // Any client can ask, not only the issuer's.
    assert.equal(await isCredentialValid(f.chain.wallet(15), { registry: f.registry, uid }), false);
    const credential = await issuer.getCredential({ uid });
    assert.deepEqual([credential?.revoked, credential?.valid], [true, false]);
    const [event] = parseEventLogs({ abi: identityRegistryAbi, eventName: 'CredentialRevoked', logs: (await issuer.getTransactionReceipt({ hash })).logs });
    assert.deepEqual(event?.args, { uid, issuer: issuer.address });
  });

  it('rejects revoking twice', async () => {
    const uid = credentialId({ issuer: f.as(1).address, commitment: commitmentOf('revoke-me') });
    await rejectsWith(f.as(1).revokeCredential({ commitment: commitmentOf('revoke-me') }), CredentialAlreadyRevokedError, (e) => {
      assert.deepEqual(e.args, [uid]);
      assert.match(e.shortMessage, /is revoked/);
    });
  });

  it('only lets the issuer revoke', async () => {
    const { uid } = await anchor('keep-me');
    for (const caller of [3, 2, 0]) {
      await rejectsWith(f.as(caller).revokeCredential({ commitment: commitmentOf('keep-me') }), CredentialNotFoundError, (e) =>
        assert.deepEqual(e.args, [credentialId({ issuer: f.as(caller).address, commitment: commitmentOf('keep-me') })]),
      );
    }
    assert.equal(await f.as(0).isCredentialValid({ uid }), true);
  });

  it('rejects an unknown commitment', async () => {
    await rejectsWith(f.as(1).revokeCredential({ commitment: commitmentOf('never anchored') }), CredentialNotFoundError);
  });

  it('is false for an unknown uid', async () => {
    assert.equal(await f.as(0).isCredentialValid({ uid: commitmentOf('no such credential') }), false);
  });

  it('turns invalid once the validity window ends', async () => {
    const now = await latestTimestamp(f.as(0));
    const { uid } = await anchor('expiring', { validUntil: now + 100 });
    assert.equal(await f.as(0).isCredentialValid({ uid }), true);
    await f.chain.test.increaseTime({ seconds: 50 });
    await f.chain.test.mine({ blocks: 1 });
    assert.equal(await f.as(0).isCredentialValid({ uid }), true);
    await f.chain.test.increaseTime({ seconds: 100 });
    await f.chain.test.mine({ blocks: 1 });
    assert.ok((await latestTimestamp(f.as(0))) >= now + 100);
    assert.equal(await f.as(0).isCredentialValid({ uid }), false);
    const credential = await f.as(0).getCredential({ uid });
    assert.deepEqual([credential?.revoked, credential?.valid], [false, false]);
  });

  it('turns valid only once the validity window starts', async () => {
    const now = await latestTimestamp(f.as(0));
    const { uid } = await anchor('future', { validFrom: now + 1000, validUntil: now + 5000 });
    assert.equal(await f.as(0).isCredentialValid({ uid }), false);
    await f.chain.test.increaseTime({ seconds: 1000 });
    await f.chain.test.mine({ blocks: 1 });
    assert.equal(await f.as(0).isCredentialValid({ uid }), true);
  });

  it('can revoke an expired credential', async () => {
    await f.as(1).revokeCredential({ commitment: commitmentOf('expiring') });
    const uid = credentialId({ issuer: f.as(1).address, commitment: commitmentOf('expiring') });
    assert.equal((await f.as(0).getCredential({ uid }))?.revoked, true);
  });
});
