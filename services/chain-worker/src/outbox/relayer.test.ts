import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keccak256, parseGwei, parseTransaction, toHex, type Address, type Hex, type TransactionSerialized } from 'viem';
import { devAccount, devPrivateKey, startAnvil } from '@identree/devchain';
import { identityRegistryAbi, prepareRegisterEntity } from '@identree/sdk';
import { connectChain, type ChainPort } from '@identree/chain';
import { openStorage } from '@identree/store';
import type { OutboxRecord, Storage } from '@identree/store';
import { Relayer } from './relayer.js';

const quiet = { warn() {}, error() {} };
const nonceOf = (r: OutboxRecord) => parseTransaction((r.txRequest as { serialized: Hex }).serialized as TransactionSerialized).nonce!;

describe('relayer: transactions the node refuses or drops', () => {
  let dataDir: string;
  let chain: ChainPort;
  let storage: Storage;
  /** Sends wait while this is set, so a test decides what the chain looks like when they arrive. */
  let gate: Promise<void> | undefined;
  let relayer: Relayer;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-relayer-'));
    const anvil = await startAnvil({ accounts: 10 });
    chain = await connectChain({ rpcUrl: anvil.rpcUrl, sponsorPrivateKey: devPrivateKey(0), deploymentDir: dataDir, onStop: anvil.stop });
    storage = await openStorage({ dataDir });
    // Only the relayer's own eth_sendRawTransaction goes through `reader.request`; viem's actions keep the real client.
    const reader = new Proxy(chain.reader, {
      get(target, key, receiver) {
        if (key !== 'request') return Reflect.get(target, key, receiver);
        return async (args: { method: string }) => {
          if (args.method === 'eth_sendRawTransaction') await gate;
          return target.request(args as never);
        };
      },
    });
    relayer = new Relayer(storage, { ...chain, reader }, quiet, 50);
  });
  after(async () => {
    await relayer?.stop();
    await storage?.close();
    await chain?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Holds every send back until the returned release is called. */
  const holdSends = () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    return () => {
      gate = undefined;
      open();
    };
  };
  const rpc = (method: string, params: unknown[]) => chain.reader.request({ method, params } as never);
  const register = (n: number, key: string) =>
    relayer.submitSponsored({ owner: devAccount(0).address, idempotencyKey: key, requestHash: keccak256(toHex(key)), functionName: 'registerEntity', calldata: prepareRegisterEntity({ registry: chain.registry, entity: devAccount(n).address, kind: 'Person' }).data });
  const registered = async (account: Address) =>
    Number(((await chain.reader.readContract({ address: chain.registry, abi: identityRegistryAbi, functionName: 'entity', args: [account] })) as { registeredAt: number | bigint }).registeredAt) !== 0;

  it('leaves no nonce gap: the writes signed after it are still mined', async () => {
    const sponsor = chain.sponsor.account.address;
    const start = await chain.reader.getTransactionCount({ address: sponsor });
    const release = holdSends();

    // Signed at today's base fee, then held back while the base fee rises far above its fee cap.
    const refused = await register(5, 'refused-write');
    await rpc('anvil_setNextBlockBaseFeePerGas', [toHex(parseGwei('500'))]);
    await rpc('evm_mine', []);
    // Signed at the new base fee, with the next nonce: behind the one the node is about to refuse.
    const later = await register(6, 'later-write');
    assert.equal(nonceOf(refused), start);
    assert.equal(nonceOf(later), start + 1);

    release();
    const failed = await relayer.waitFor(refused.id, 10_000);
    assert.equal(failed.status, 'failed');
    assert.match((failed as { error: string }).error, /refused/);

    relayer.start();
    const mined = await relayer.waitFor(later.id, 10_000);
    assert.equal(mined.status, 'confirmed', `the later write was left ${mined.status}`);
    const next = await relayer.waitFor((await register(7, 'next-write')).id, 10_000);
    assert.equal(next.status, 'confirmed', `a write after that was left ${next.status}`);

    assert.equal(await chain.reader.getTransactionCount({ address: sponsor }), start + 2, 'the refused nonce was used by the later write');
    assert.equal(await chain.reader.getTransactionCount({ address: sponsor, blockTag: 'pending' }), start + 2, 'nothing waits in the pool');
    assert.deepEqual(await Promise.all([5, 6, 7].map((n) => registered(devAccount(n).address))), [false, true, true]);
  });

  it('sends again a transaction the node dropped from its pool, so the write is still mined once', async () => {
    const sponsor = chain.sponsor.account.address;
    const start = await chain.reader.getTransactionCount({ address: sponsor });
    // Blocks only when the test mines one, so the transaction waits in the pool to be dropped.
    await rpc('evm_setAutomine', [false]);
    try {
      const write = await register(10, 'dropped-write');
      const hash = keccak256((write.txRequest as { serialized: Hex }).serialized);
      await relayer.drain();
      assert.equal((await storage.outbox.get(write.id))?.status, 'sent');
      // What a node restart or a pool eviction does.
      await rpc('anvil_dropTransaction', [hash]);
      await assert.rejects(chain.reader.getTransaction({ hash }), 'the node no longer holds it');

      await relayer.drain();
      assert.equal((await chain.reader.getTransaction({ hash })).nonce, start, 'the same signed transaction is back in the pool');
      await relayer.drain();
      await rpc('evm_mine', []);
      await relayer.drain();
      const outcome = await relayer.waitFor(write.id, 10_000);
      assert.equal(outcome.status, 'confirmed', `the write was left ${outcome.status}`);
      assert.equal(outcome.transactionHash, hash);
      assert.equal(await chain.reader.getTransactionCount({ address: sponsor }), start + 1, 'mined once');
      assert.equal(await registered(devAccount(10).address), true);
    } finally {
      await rpc('evm_setAutomine', [true]);
    }
  });

  it('sends again a write mined just after the head a pass read, when the node comes back from a state taken before it', async () => {
    // One pass at a time, as when the node dies right after a pass: no timer runs another one.
    await relayer.stop();
    try {
      const before = await rpc('evm_snapshot', []);
      // The pass that sends it reads the head first; the write is mined one block above that head and confirmed in the same pass.
      const write = await register(11, 'mined-above-the-read-head');
      const outcome = await relayer.waitFor(write.id, 10_000);
      assert.equal(outcome.status, 'confirmed');
      // What anvil restarted from its last dump does: the chain is back at the head that pass read.
      await rpc('evm_revert', [before]);
      assert.equal(await registered(devAccount(11).address), false, 'the chain lost the write');

      await relayer.drain();
      await relayer.drain();
      const again = await relayer.waitFor(write.id, 10_000);
      assert.equal(again.status, 'confirmed', `the write was left ${again.status}`);
      assert.equal(await registered(devAccount(11).address), true, 'the write is on chain again');
    } finally {
      relayer.start();
    }
  });

  // Last: it leaves a gap in the sponsor's nonces on purpose.
  it('never re-signs a transaction the node already holds, so no write can be mined twice', async () => {
    const sponsor = chain.sponsor.account.address;
    const start = await chain.reader.getTransactionCount({ address: sponsor });
    const release = holdSends();
    const refused = await register(8, 'refused-again');
    const delivered = await register(9, 'delivered-before-a-crash');
    assert.equal(nonceOf(delivered), start + 1);
    // What a kill -9 after the send leaves: the node holds the transaction, the row is still pending.
    await rpc('eth_sendRawTransaction', [(delivered.txRequest as { serialized: Hex }).serialized]);
    await rpc('anvil_setNextBlockBaseFeePerGas', [toHex(parseGwei('5000'))]);
    await rpc('evm_mine', []);

    release();
    assert.equal((await relayer.waitFor(refused.id, 10_000)).status, 'failed');
    await relayer.drain();
    await relayer.drain();
    // Its resend may be refused too (its fee cap is as low), but it must not be signed again at the free nonce.
    assert.deepEqual((await storage.outbox.get(delivered.id))?.txRequest, delivered.txRequest, 'the transaction the node holds is kept as signed');
    assert.equal(await chain.reader.getTransactionCount({ address: sponsor, blockTag: 'pending' }), start, 'no second copy of the write waits at the free nonce');
    assert.equal((await chain.reader.getTransaction({ hash: keccak256((delivered.txRequest as { serialized: Hex }).serialized) })).nonce, start + 1);
  });
});
