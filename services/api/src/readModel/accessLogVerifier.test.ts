import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWalletClient, http, publicActions, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type LocalAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { CredentialType, holderActions, identreeActions } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('indexer: the access log names verifiers by identity', () => {
  let f: ServiceFixture;
  let uid: Hash;
  const holder = devAccount(7);
  const verifier = devAccount(8);
  const as = (account: LocalAccount) =>
    createWalletClient({ account, chain: f.chain.reader.chain, transport: http(f.chain.rpcUrl) })
      .extend(publicActions)
      .extend(identreeActions(f.chain.registry))
      .extend(holderActions(f.chain.holderRegistry));
  const caughtUp = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    await f.chain.sponsor.registerEntity({ entity: verifier.address, kind: 'Organization' });
    ({ uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: `0x${'cd'.repeat(32)}` }));
  });
  after(() => f.stop());

  it('before and after the verifier rotates its key', async () => {
    await as(verifier).logAccess({ holder: holder.address, uid, success: true });

    const newKey = privateKeyToAccount(generatePrivateKey());
    await f.chain.sponsor.sendTransaction({ to: newKey.address, value: 10n ** 18n });
    const accepted = await as(newKey).signAcceptKey({ identity: verifier.address });
    await as(verifier).rotateKey({ newKey: newKey.address, deadline: accepted.deadline, signature: accepted.signature });
    await as(newKey).logAccess({ holder: holder.address, uid, success: false });
    await caughtUp();

    const entries = await f.storage.accessLog.listByHolder(holder.address);
    assert.deepEqual(
      entries.map((e) => [e.verifier.toLowerCase(), e.success]).sort((x, y) => Number(x[1]) - Number(y[1])),
      [[verifier.address.toLowerCase(), false], [verifier.address.toLowerCase(), true]],
      'both accesses are the same verifier',
    );
  });
});
