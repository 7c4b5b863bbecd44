import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWalletClient, http, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { devAccount, devPrivateKey, startAnvil } from '@identree/devchain';
import { prepareRegisterEntity } from '@identree/sdk';
import { connectChain, type ChainPort } from '@identree/chain';
import { openStorage, type Storage } from '@identree/store';
import { Relayer } from './relayer.js';

const quiet = { warn() {}, error() {} };

// Issue 23 §4: an organization's transactions with far-future nonces were accepted, never mined and
// never expired, and kept the worker busy. A caller-signed write now expires after a set time.
describe('relayer: writes that do not mine in time', () => {
  let dataDir: string;
  let chain: ChainPort;
  let storage: Storage;
  let relayer: Relayer;
  const signer = privateKeyToAccount(devPrivateKey(3));

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-expiry-'));
    const anvil = await startAnvil({ accounts: 10 });
    chain = await connectChain({ rpcUrl: anvil.rpcUrl, sponsorPrivateKey: devPrivateKey(0), deploymentDir: dataDir, onStop: anvil.stop });
    storage = await openStorage({ dataDir });
    relayer = new Relayer(storage, chain, quiet, 50, 1_500);
    relayer.start();
  });
  after(async () => {
    await relayer?.stop();
    await storage?.close();
    await chain?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const signed = async (nonce: number, i: number): Promise<Hex> => {
    const wallet = createWalletClient({ account: signer, chain: chain.sponsor.chain, transport: http(chain.rpcUrl) });
    const call = prepareRegisterEntity({ registry: chain.registry, entity: devAccount(5 + i).address, kind: 'Person' });
    const request = await wallet.prepareTransactionRequest({ to: call.to, data: call.data, nonce, gas: 300_000n } as never);
    return wallet.account.signTransaction(request as never);
  };

  it('marks far-future-nonce writes failed with a reason once the expiry passes, and still settles a write that can mine', async () => {
    const next = await chain.reader.getTransactionCount({ address: signer.address, blockTag: 'pending' });
    const stuck = [];
    for (let i = 0; i < 3; i++) {
      stuck.push(await relayer.submitSigned({ owner: signer.address, idempotencyKey: `stuck-${i}-key`, serialized: await signed(next + 50 + i, i), allowed: ['registerEntity'] }));
    }
    const honest = await relayer.submitSigned({ owner: signer.address, idempotencyKey: 'honest-0-key', serialized: await signed(next, 9), allowed: ['registerEntity'] });
    // The honest write is mined (it reverts: this signer may not register anyone), long before the expiry.
    const settled = await relayer.waitFor(honest.id, 5_000);
    assert.equal(settled.status, 'failed');
    assert.equal((settled as { error: string }).error, 'reverted on chain');
    const midway = await storage.outbox.get(stuck[0]!.id);
    assert.equal(midway?.status, 'sent', 'a stuck write waits until its expiry');
    for (const record of stuck) {
      const outcome = await relayer.waitFor(record.id, 5_000);
      assert.equal(outcome.status, 'failed', JSON.stringify(outcome));
      assert.match((outcome as { error: string }).error, /^expired: not mined within 2 s \(nonce \d+ of 0x[0-9a-fA-F]{40}\)/);
    }
    assert.deepEqual(await storage.outbox.listSent({ limit: 10 }), [], 'nothing is left to watch');
  });

  it('refuses a nonce far ahead of the account\'s next one, storing nothing', async () => {
    const next = await chain.reader.getTransactionCount({ address: signer.address, blockTag: 'pending' });
    await assert.rejects(
      relayer.submitSigned({ owner: signer.address, idempotencyKey: 'far-ahead-key', serialized: await signed(next + 1_000, 0), allowed: ['registerEntity'] }),
      (error: Error & { code?: string }) => error.code === 'invalid_transaction' && /nonce \d+ is more than 64 ahead of the account's next nonce \d+/.test(error.message),
    );
    assert.equal(await storage.outbox.getByKey(signer.address, 'far-ahead-key'), null);
  });
});
