import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hex } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { startAnvil, devAccount, devPrivateKey, type Anvil } from '@identree/devchain';
import { prepareRegisterEntity } from '@identree/sdk';

const server = fileURLToPath(new URL('./startAll.ts', import.meta.url));

/** The service as its own process, against an external node (which outlives the service, as in production). */
async function boot(rpcUrl: string, dataDir: string, port: number, crashAt?: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', server], {
    env: { ...process.env, RPC_URL: rpcUrl, SPONSOR_PRIVATE_KEY: devPrivateKey(0), DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'error', ...(crashAt ? { IDENTREE_CRASH_AT: crashAt } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      if (out.includes('Identree identity service on')) resolve();
    });
    child.stderr!.on('data', (c: Buffer) => (out += c));
    child.once('exit', (code) => reject(new Error(`service exited (${code}) before starting:\n${out}`)));
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

describe('outbox after kill -9', () => {
  let chain: Anvil;
  let dataDir: string;
  const government = devAccount(0);
  before(async () => {
    chain = await startAnvil({ accounts: 10 });
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-crash-'));
  });
  after(async () => {
    await chain.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  for (const crashAt of ['before-send', 'after-send'] as const) {
    it(`finishes a write exactly once when the service dies ${crashAt.replace('-', ' ')}`, async () => {
      const port = 19_000 + Math.floor(Math.random() * 900);
      const url = `http://127.0.0.1:${port}`;
      let child = await boot(chain.rpcUrl, dataDir, port, crashAt);
      const { registry } = (await (await fetch(`${url}/health`)).json()) as { registry: `0x${string}` };
      const login = async () => {
        const { nonce } = (await (await fetch(`${url}/auth/nonce`, { method: 'POST' })).json()) as { nonce: string };
        const message = createSiweMessage({ domain: `127.0.0.1:${port}`, uri: url, address: government.address, chainId: chain.chain.id, nonce, version: '1', issuedAt: new Date() });
        const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, signature: await government.signMessage({ message }) }) });
        return ((await res.json()) as { accessToken: string }).accessToken;
      };
      const citizen = devAccount(crashAt === 'before-send' ? 5 : 6).address;
      const wallet = chain.wallet(0);
      const request = await wallet.prepareTransactionRequest(prepareRegisterEntity({ registry, entity: citizen, kind: 'Person' }));
      const signedTransaction: Hex = await government.signTransaction(request as never);
      const key = `crash-${crashAt}`;
      const write = async (token: string) =>
        fetch(`${url}/entities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key }, body: JSON.stringify({ signedTransaction }) });

      const nonceBefore = await wallet.getTransactionCount({ address: government.address });
      await assert.rejects(write(await login()), 'the connection dies with the service');
      await exited(child);
      assert.equal(child.signalCode, 'SIGKILL');

      child = await boot(chain.rpcUrl, dataDir, port);
      try {
        const answer = await write(await login());
        assert.equal(answer.status, 200, await answer.clone().text());
        const body = (await answer.json()) as { status: string; response: { events: { event: string }[] } };
        assert.equal(body.status, 'confirmed');
        assert.equal(body.response.events[0]!.event, 'EntityRegistered');
        assert.equal(await wallet.getTransactionCount({ address: government.address }), nonceBefore + 1, 'exactly one transaction');
        const again = (await (await write(await login())).json()) as object;
        assert.deepEqual(again, body, 'a repeat returns the first answer');
      } finally {
        child.kill('SIGTERM');
        await exited(child);
      }
    });
  }
});
