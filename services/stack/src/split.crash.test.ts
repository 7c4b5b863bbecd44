import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPublicClient, http, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { identreeActions, prepareRegisterEntity } from '@identree/sdk';
import { bootStack, loginOverHttp, postRegistration, startSplitScript } from './testing/stackProcess.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const government = devAccount(0);
const WRITES = 18;
const BANNER = /Identree, split/;

const reachable = await (async () => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return `PostgreSQL not reachable at ${ADMIN_URL}: skipped the split arrangement's crash test (${(error as Error).message})`;
  }
})();

/** The launcher's child processes whose command line contains `needle`. */
const childPid = (launcher: number, needle: string) =>
  execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(launcher)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(needle))
    .map((line) => Number(line.split(/\s+/)[0]))[0];

// `npm run start:split`: the chain (anvil), the chain worker and the API are separate processes
// talking gRPC, on PostgreSQL. Each is killed with SIGKILL in turn during a stream of writes; the
// launcher starts it again (anvil from its last dump, a second old, while the chain worker keeps
// running), and clients retry what was not answered.
describe('the split arrangement after kill -9 of one process at a time, the chain included', { skip: reachable }, () => {
  let dataDir: string;
  const database = `identree_crash_${process.pid}`;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-split-crash-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await admin.end();
  });

  it('keeps every write it answered 2xx exactly once on chain, in the database and in the audit log', async () => {
    const port = 20_000 + Math.floor(Math.random() * 900);
    const url = `http://127.0.0.1:${port}`;
    const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
    const stack = await bootStack(startSplitScript, { DATA_DIR: dataDir, PORT: String(port), GRPC_PORT: String(port + 1), CHAIN_PORT: String(port + 2), DATABASE_URL: databaseUrl, VERIFY_THREADS: '0' }, BANNER);
    try {
      const { registry, chainId } = (await (await fetch(`${url}/health`)).json()) as { registry: Address; chainId: number };
      // The sponsor's (here the government's) first transactions deployed the registry, set its tokenURI and deployed the face template registry.
      const setupTxs = await createPublicClient({ transport: http(/embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!) }).getTransactionCount({ address: government.address });
      assert.equal(setupTxs, 3, 'the deployment, the token metadata base and the face template registry');
      let nonce = setupTxs;
      const writes: { key: string; citizen: Address; signed: Hex; answered?: boolean }[] = [];
      for (let i = 0; i < WRITES; i++) {
        const citizen = privateKeyToAccount(generatePrivateKey()).address;
        const call = prepareRegisterEntity({ registry, entity: citizen, kind: 'Person' });
        const signed = await government.signTransaction({ ...call, chainId, nonce: nonce++, gas: 300_000n, maxFeePerGas: 10_000_000_000n, maxPriorityFeePerGas: 1_000_000n, type: 'eip1559' });
        writes.push({ key: `split-crash-${i}`, citizen, signed });
      }
      const token = await loginOverHttp(url, government, chainId);
      const killed: string[] = [];
      for (const [i, write] of writes.entries()) {
        // Every third write, one part dies at a random moment while the write is in flight.
        if (i % 3 === 1) {
          const victim = ['chain-worker/src/server.ts', 'api/src/server.ts', 'anvil'][killed.length % 3]!;
          const pid = childPid(stack.child.pid!, victim);
          assert.ok(pid, `${victim} runs under the launcher`);
          setTimeout(() => process.kill(pid, 'SIGKILL'), Math.floor(Math.random() * 150));
          killed.push(victim);
        }
        // A client retries with the same key and bytes until the service answers (2xx or a typed refusal).
        for (let attempt = 0; attempt < 60 && !write.answered; attempt++) {
          const res = await postRegistration(url, token, write.key, write.signed).catch(() => undefined);
          if (res && res.status < 300) write.answered = true;
          else if (res && res.status < 500) assert.fail(`${write.key}: ${res.status} ${await res.text()}`);
          else await new Promise((r) => setTimeout(r, 500));
        }
        assert.ok(write.answered, `${write.key} was answered after the restarts`);
      }
      assert.ok(killed.length >= 6, 'the chain worker, the API and the chain (anvil) were each killed twice');
      assert.equal((stack.output().match(/chain \(anvil\) exited; starting it again/g) ?? []).length, 2, 'the launcher restarted the chain twice');
      // Every write answered 202 (still sent) settles; then the read model and the audit log are checked.
      for (const write of writes) {
        const res = await postRegistration(url, token, write.key, write.signed);
        assert.equal(res.status, 200, `${write.key}: ${await res.text()}`);
      }
      const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
      const chain = createPublicClient({ transport: http(rpcUrl) }).extend(identreeActions(registry));
      assert.equal(await chain.getTransactionCount({ address: government.address }), setupTxs + WRITES, 'the setup, then each registration once');
      for (const write of writes) {
        assert.equal((await chain.getEntity({ entity: write.citizen }))?.kind, 'Person', `${write.key} on chain`);
        assert.equal((await (await fetch(`${url}/entities/${write.citizen}`)).json()).kind, 'Person', `${write.key} in the read model`);
        const audit = await (await fetch(`${url}/entities/${write.citizen}/audit`, { headers: { authorization: `Bearer ${token}` } })).json();
        assert.equal(audit.entries.filter((e: { action: string }) => e.action === 'EntityRegistered').length, 1, `${write.key}: once in the audit log`);
      }
      // Last, the launcher alone dies (`kill -9 <pid>` of the supervisor): every part dies with it.
      // Running children only: a part killed above may linger as a zombie until the launcher reaps it.
      const children = execFileSync('ps', ['-o', 'pid=,stat=,args=', '--ppid', String(stack.child.pid!)], { encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter(([pid, stat]) => pid && !stat!.startsWith('Z'))
        .map(([pid, , ...args]) => ({ pid: Number(pid), args: args.join(' ') }));
      for (const part of ['anvil', 'chain-worker/src/server.ts', 'api/src/server.ts']) assert.ok(children.some((c) => c.args.includes(part)), `${part} runs under the launcher: ${JSON.stringify(children)}`);
      const parts = children.map((c) => c.pid);
      await stack.kill9LauncherOnly();
      const running = (pid: number) => {
        try {
          return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim().startsWith('Z');
        } catch {
          return false; // ps exits 1 for a pid that is gone
        }
      };
      for (let i = 0; i < 50 && parts.some(running); i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(parts.filter(running), [], 'no part outlives the launcher');
    } finally {
      await stack.stop();
    }
  });
});
