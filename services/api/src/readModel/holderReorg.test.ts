import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, publicActions, type Address, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { CredentialType, holderActions, identreeActions } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/**
 * Holder-registry projections under a reorg: a grant, an access-log entry and a key rotation that the
 * chain forgets are forgotten by the read model too, and what was there before comes back.
 */
describe('indexer: holder events under a reorg', () => {
  let f: ServiceFixture;
  let uid: Hash;
  const holder = devAccount(5);
  const verifier = devAccount(6);
  const as = (account: typeof holder) =>
    createWalletClient({ account, chain: f.chain.reader.chain, transport: http(f.chain.rpcUrl) })
      .extend(publicActions)
      .extend(identreeActions(f.chain.registry))
      .extend(holderActions(f.chain.holderRegistry));

  const caughtUp = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
  /** Replaces the last block with an empty one and lets the indexer notice. */
  const dropLastBlock = async () => {
    await f.chain.reader.request({ method: 'anvil_reorg' as never, params: [1, []] as never });
    await f.chain.reader.request({ method: 'evm_mine' as never, params: [] as never });
    await f.worker.indexer.step();
    await f.worker.indexer.step();
    await caughtUp();
  };

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    await f.chain.sponsor.registerEntity({ entity: verifier.address, kind: 'Organization' });
    ({ uid } = await f.chain.sponsor.anchorCredential({
      subject: holder.address,
      credentialType: CredentialType.Passport,
      commitment: `0x${'ab'.repeat(32)}`,
    }));
    await caughtUp();
  });
  after(() => f.stop());

  it('forgets a grant the chain forgot, and keeps the one before it', async () => {
    await as(holder).grantAccess({ verifier: verifier.address, uid, duration: 3_600 });
    await caughtUp();
    const first = await f.storage.grants.get(holder.address, verifier.address, uid);
    assert.ok(first && !first.revoked);

    await as(holder).revokeAccess({ verifier: verifier.address, uid });
    await caughtUp();
    assert.equal((await f.storage.grants.get(holder.address, verifier.address, uid))?.revoked, true);

    await dropLastBlock();
    assert.equal(await as(verifier).checkAccess({ holder: holder.address, verifier: verifier.address, uid }), true, 'the chain forgot the revocation');
    assert.deepEqual(await f.storage.grants.get(holder.address, verifier.address, uid), first, 'the read model is back to the grant');
  });

  it('drops an access-log entry whose block was replaced', async () => {
    await as(verifier).logAccess({ holder: holder.address, uid, success: true });
    await caughtUp();
    const before = await f.storage.accessLog.listByHolder(holder.address);
    assert.equal(before.length, 1);
    await dropLastBlock();
    assert.deepEqual(await f.storage.accessLog.listByHolder(holder.address), []);
  });

  it('restores the previous key when a rotation is reorged out', async () => {
    const newKey = privateKeyToAccount(generatePrivateKey());
    const holderClient = as(holder);
    const accept = await createWalletClient({ account: newKey, chain: f.chain.reader.chain, transport: http(f.chain.rpcUrl) })
      .extend(holderActions(f.chain.holderRegistry))
      .signAcceptKey({ identity: holder.address });
    await holderClient.rotateKey({ newKey: newKey.address, deadline: accept.deadline, signature: accept.signature });
    await caughtUp();
    assert.equal((await f.storage.keyBindings.byIdentity(holder.address))?.key.toLowerCase(), newKey.address.toLowerCase());

    await dropLastBlock();
    assert.equal((await holderClient.keyOf({ identity: holder.address }))?.toLowerCase(), holder.address.toLowerCase(), 'the chain kept the old key');
    assert.equal(await f.storage.keyBindings.byIdentity(holder.address), null, 'no binding in the read model either');
    const keyRoute = await f.app.inject({ method: 'GET', url: `/identities/${holder.address}/key` });
    assert.equal((keyRoute.json() as { key: Address }).key, holder.address);
  });
});
