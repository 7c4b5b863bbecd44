import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { LocalAccount } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { buildApp } from '../app.js';
import { loadConfig, type ServiceConfig } from '../config.js';
import { openChain, type ChainPort } from '../plugins/chain.js';
import { openStorage } from '@identree/store';
import type { Storage } from '@identree/store';

/** The whole service on a fresh data directory: embedded anvil, PGlite, the app mounted for `inject`; `env` as the service would read it. */
export async function serviceFixture(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-svc-'));
  const config: ServiceConfig = loadConfig({ ...env, DATA_DIR: dataDir });
  const chain: ChainPort = await openChain(config);
  const storage: Storage = await openStorage({ dataDir });
  const app: FastifyInstance = await buildApp({ chain, config, storage });

  /** Signs in as `account` and returns its bearer token. */
  const login = async (account: LocalAccount): Promise<string> => {
    const { nonce } = (await app.inject({ method: 'POST', url: '/auth/nonce' })).json();
    const url = new URL(config.publicUrl);
    const message = createSiweMessage({ domain: url.host, uri: url.origin, address: account.address, chainId: chain.chainId, nonce, version: '1', issuedAt: new Date() });
    const res = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature: await account.signMessage({ message }) } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
    return res.json().accessToken;
  };

  const stop = async () => {
    await app.close();
    await storage.close();
    await chain.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { dataDir, config, chain, storage, app, login, stop };
}
export type ServiceFixture = Awaited<ReturnType<typeof serviceFixture>>;
