import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectChain } from '@identree/chain';
import { devAccount } from '@identree/devchain';
import { startEmbeddedChain } from './embeddedChain.js';

describe('the embedded chain', () => {
  it('keeps the registry and its state across a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'identree-restart-'));
    const open = async () => {
      const embedded = await startEmbeddedChain(dir);
      return connectChain({ rpcUrl: embedded.rpcUrl, sponsorPrivateKey: embedded.sponsorPrivateKey, deploymentDir: dir, embedded: true, onStop: embedded.stop });
    };
    try {
      const first = await open();
      await first.sponsor.registerEntity({ entity: devAccount(5).address, kind: 'Person' });
      await first.stop();
      const second = await open();
      try {
        assert.equal(second.registry, first.registry);
        assert.equal((await second.reader.getEntity({ entity: devAccount(5).address }))?.kind, 'Person');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('points tokenURI at the service on a fresh deployment, so wallets find the token metadata', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'identree-token-uri-'));
    const embedded = await startEmbeddedChain(dir);
    const chain = await connectChain({ rpcUrl: embedded.rpcUrl, sponsorPrivateKey: embedded.sponsorPrivateKey, deploymentDir: dir, embedded: true, onStop: embedded.stop, tokenBaseUri: 'http://127.0.0.1:8080/tokens/' });
    try {
      const citizen = devAccount(6).address;
      await chain.sponsor.registerEntity({ entity: citizen, kind: 'Person' });
      assert.equal(await chain.reader.getTokenURI({ identity: citizen }), `http://127.0.0.1:8080/tokens/${BigInt(citizen)}`);
    } finally {
      await chain.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops an anvil still running on its data directory before starting another, so two never share a state file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'identree-orphan-'));
    try {
      // What a platform without a parent-death signal leaves after kill -9 of the service: its anvil, recorded in the pid file.
      const orphan = await startEmbeddedChain(dir);
      const next = await startEmbeddedChain(dir);
      try {
        const gone = await Promise.race([orphan.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
        assert.equal(gone, true, 'the earlier anvil was stopped');
        assert.equal(await fetch(next.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' }).then((r) => r.status), 200);
      } finally {
        await next.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
