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
});
