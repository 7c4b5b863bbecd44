import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { devAccount, devPrivateKey, startAnvil, type Anvil } from '@identree/devchain';
import { deployIdentityRegistry, getHolderRegistry } from '@identree/sdk';
import { connectChain, type ConnectChainParameters } from './connectChain.js';
import { ChainConfigError } from './errors.js';

const sponsorPrivateKey = devPrivateKey(0);

const exists = (file: string) => access(file).then(() => true, () => false);
const NOWHERE = '0x000000000000000000000000000000000000dEaD';

describe('connectChain', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'identree-chain-'));
    dirs.push(dir);
    return dir;
  };
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  let shared: Anvil;
  before(async () => (shared = await startAnvil({ accounts: 2 })));
  after(() => shared?.stop());
  const open = (p: Partial<ConnectChainParameters> & { deploymentDir: string }) => connectChain({ rpcUrl: shared.rpcUrl, sponsorPrivateKey, ...p });

  it('deploys the registry once, records it, and finds it again on restart, also when it is named', async () => {
    const dir = await dataDir();
    const first = await open({ deploymentDir: dir });
    const registry = first.registry;
    await first.stop();
    assert.equal(JSON.parse(await readFile(path.join(dir, 'deployment.json'), 'utf8')).registry, registry);

    const again = await open({ deploymentDir: dir });
    try {
      assert.equal(again.registry, registry);
    } finally {
      await again.stop();
    }

    const named = await open({ deploymentDir: dir, registryAddress: registry });
    try {
      assert.equal(named.registry, registry);
      assert.equal(named.holderRegistry, again.holderRegistry);
    } finally {
      await named.stop();
    }
  });

  describe('with REGISTRY_ADDRESS where there is no contract', () => {
    let node: Anvil;
    before(async () => (node = await startAnvil({ accounts: 2 })));
    after(() => node?.stop());

    it('stops with a ConfigError naming the variable and the address, and deploys nothing', async () => {
      const dir = await dataDir();
      await assert.rejects(connectChain({ rpcUrl: node.rpcUrl, sponsorPrivateKey, deploymentDir: dir, registryAddress: NOWHERE }), (e: unknown) => {
        assert.ok(e instanceof ChainConfigError, String(e));
        assert.match(e.message, /^REGISTRY_ADDRESS: /);
        assert.ok(e.message.includes(NOWHERE), e.message);
        assert.ok(e.message.includes(new URL(node.rpcUrl).host), e.message);
        return true;
      });
      assert.equal(await node.wallet(0).getTransactionCount({ address: devAccount(0).address }), 0, 'the sponsor sent nothing');
      assert.equal(await exists(path.join(dir, 'deployment.json')), false);
    });

    it('names the embedded chain as the launcher describes it', async () => {
      const dir = await dataDir();
      await assert.rejects(connectChain({ rpcUrl: node.rpcUrl, sponsorPrivateKey, deploymentDir: dir, registryAddress: NOWHERE, describeNode: 'the embedded anvil' }), (e: unknown) => {
        assert.ok(e instanceof ChainConfigError, String(e));
        assert.match(e.message, new RegExp(`^REGISTRY_ADDRESS: no contract at ${NOWHERE} on chain \\d+ \\(the embedded anvil\\)`));
        return true;
      });
      assert.equal(await exists(path.join(dir, 'deployment.json')), false);
    });

    // Last: it deploys on the shared node.
    it('stops with a ConfigError when the contract there is not an identity registry', async () => {
      const { registry } = await deployIdentityRegistry(node.wallet(0));
      const notARegistry = await getHolderRegistry(node.wallet(0), { registry });
      const dir = await dataDir();
      await assert.rejects(connectChain({ rpcUrl: node.rpcUrl, sponsorPrivateKey, deploymentDir: dir, registryAddress: notARegistry }), (e: unknown) => {
        assert.ok(e instanceof ChainConfigError, String(e));
        assert.match(e.message, new RegExp(`^REGISTRY_ADDRESS: the contract at ${notARegistry} on chain \\d+ .* is not an Identree identity registry`, 'i'));
        return true;
      });
      assert.equal(await exists(path.join(dir, 'deployment.json')), false);
    });
  });
});
