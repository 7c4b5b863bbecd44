import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { identreeActions, prepareRegisterEntity } from '@identree/sdk';
import { bootStack, loginOverHttp, postRegistration, processesStillRunning, startAllScript } from './testing/stackProcess.js';

const government = devAccount(0);
const BANNER = /Identree identity service on/;
const WRITES = 24;
const ROUNDS = 4;

type Write = { key: string; citizen: Address; signed: Hex; answered?: number };

// The default `npm start`: service and embedded anvil in one process group, killed with SIGKILL at
// random points of a stream of writes, then restarted on the same data directory. Rounds 0 and 2
// kill the whole group (a power cut); rounds 1 and 3 the service alone (`kill -9 <pid>`), whose
// anvil must die with it: an orphan would keep dumping the state file the next anvil loads.
describe('the embedded stack after kill -9, chain included', () => {
  let dataDir: string;
  let port: number;
  let url: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-stack-crash-'));
    port = 19_000 + Math.floor(Math.random() * 900);
    url = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every write it answered 2xx exactly once on chain, in the database and in the audit log', async () => {
    // A fixed chain port, as a user's default is: a restart must get it back, not find an orphan on it.
    const env = { DATA_DIR: dataDir, PORT: String(port), CHAIN_PORT: String(port + 1), VERIFY_THREADS: '0' };
    let stack = await bootStack(startAllScript, env, BANNER);
    const { registry, chainId } = (await (await fetch(`${url}/health`)).json()) as { registry: Address; chainId: number };
    // The government signs in its own wallet and keeps its own nonce, as a wallet does: a nonce is
    // never reused for another transaction, whatever the chain says after a crash.
    // The sponsor's (here the government's) first transactions deployed the registry, set its tokenURI and deployed the face template registry.
    const setupTxs = await createPublicClient({ transport: http(/embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!) }).getTransactionCount({ address: government.address });
    assert.equal(setupTxs, 3, 'the deployment, the token metadata base and the face template registry');
    let nonce = 0;
    const sign = async (citizen: Address): Promise<Hex> => {
      const call = prepareRegisterEntity({ registry, entity: citizen, kind: 'Person' });
      return government.signTransaction({ ...call, chainId, nonce: nonce++ + setupTxs, gas: 300_000n, maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1_000_000n, type: 'eip1559' });
    };
    const writes: Write[] = [];
    for (let i = 0; i < WRITES; i++) {
      const citizen = privateKeyToAccount(generatePrivateKey()).address;
      writes.push({ key: `crash-write-${i}`, citizen, signed: await sign(citizen) });
    }
    let resentAfterRestart = 0;
    let next = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const token = await loginOverHttp(url, government, chainId);
      // Every write not yet answered goes again first, same key and bytes, as a client retries.
      const due = [...writes.filter((w, i) => i < next && w.answered === undefined), ...writes.slice(next, next + WRITES / ROUNDS)];
      next += WRITES / ROUNDS;
      // Even rounds die right after an answer (the chain's last dump is then most likely older than
      // the answered write); odd rounds at a random moment while requests are in flight.
      const killAfterAnswer = round % 2 === 0;
      const serviceAlone = round % 2 === 1;
      const kill = () => (serviceAlone ? stack.kill9LauncherOnly() : stack.kill9());
      const killer = killAfterAnswer ? undefined : setTimeout(() => void kill(), 150 + Math.floor(Math.random() * 900));
      for (const write of due) {
        const res = await postRegistration(url, token, write.key, write.signed).catch(() => undefined);
        if (res && res.status < 300) write.answered = res.status;
        if (!res) break;
        if (killAfterAnswer && write.answered === 200 && due.indexOf(write) >= 1) break;
      }
      clearTimeout(killer);
      await kill();
      if (serviceAlone) assert.deepEqual(await processesStillRunning(path.join(dataDir, 'chain')), [], 'the embedded anvil died with its service');
      stack = await bootStack(startAllScript, env, BANNER);
      resentAfterRestart += (stack.output().match(/sent them again/g) ?? []).length;
    }
    try {
      const token = await loginOverHttp(url, government, chainId);
      for (const write of writes) {
        const res = await postRegistration(url, token, write.key, write.signed);
        assert.equal(res.status, 200, `${write.key}: ${await res.text()}`);
        write.answered ??= 200;
      }
      const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
      const chain = createPublicClient({ transport: http(rpcUrl) }).extend(identreeActions(registry));
      // One transaction per write and nothing else: the setup, then each registration exactly once.
      assert.equal(await chain.getTransactionCount({ address: government.address }), setupTxs + WRITES);
      for (const write of writes) {
        assert.equal((await chain.getEntity({ entity: write.citizen }))?.kind, 'Person', `${write.key} is registered on chain`);
        const entity = await (await fetch(`${url}/entities/${write.citizen}`)).json();
        assert.equal(entity.kind, 'Person', `${write.key} is registered (read model)`);
        const audit = await (await fetch(`${url}/entities/${write.citizen}/audit`, { headers: { authorization: `Bearer ${token}` } })).json();
        const registered = audit.entries.filter((e: { action: string }) => e.action === 'EntityRegistered');
        assert.equal(registered.length, 1, `${write.key}: one EntityRegistered in the audit log, got ${JSON.stringify(audit.entries)}`);
      }
      assert.ok(resentAfterRestart >= 1, 'at least one restart found confirmed writes the chain had lost, and sent them again');
    } finally {
      await stack.stop();
    }
  });
});
