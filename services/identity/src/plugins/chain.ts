import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import { createPublicClient, createWalletClient, http, publicActions, type Address, type Chain } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { getChainId } from 'viem/actions';
import { startAnvil, devAccount, type Anvil } from '@identree/devchain';
import { deployIdentityRegistry, getHolderRegistry, identreeActions } from '@identree/sdk';
import { ConfigError, type ServiceConfig } from '../config.js';

/** What the rest of the service knows about the chain: clients bound to the registry, and who pays. */
export type ChainPort = {
  chainId: number;
  rpcUrl: string;
  registry: Address;
  /** The holder registry (keys, guardians, consent) the registry deployed: `registry.holderRegistry()`. */
  holderRegistry: Address;
  /** Deployment block: event queries start here. */
  fromBlock: bigint;
  /** Read client with every registry action bound. */
  reader: ReturnType<typeof bindReader>;
  /** The sponsor: the service's own key, which relays holder-signed actions and pays their gas. */
  sponsor: ReturnType<typeof bindSponsor>;
  embedded: boolean;
  stop(): Promise<void>;
};

type Deployment = { chainId: number; registry: Address; fromBlock: string };

const bindReader = (rpcUrl: string, chain: Chain, registry: Address) =>
  createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 200 }).extend(identreeActions(registry) as never) as unknown as ReturnType<
    ReturnType<typeof identreeActions>
  > & ReturnType<typeof createPublicClient>;

const bindSponsor = (rpcUrl: string, chain: Chain, key: `0x${string}` | undefined, registry: Address) => {
  const account = key ? privateKeyToAccount(key) : devAccount(0);
  return createWalletClient({ account, chain, transport: http(rpcUrl), pollingInterval: 200 }).extend(publicActions).extend(identreeActions(registry));
};

/**
 * Connects to the chain: `RPC_URL` when set, otherwise anvil with its state in `dataDir/chain`.
 * The registry is deployed once per chain and its address recorded in `dataDir/deployment.json`,
 * so a restart finds the same registry. `REGISTRY_ADDRESS` names an existing registry instead;
 * without contract code there, this throws `ConfigError` rather than deploy.
 */
export async function openChain(config: ServiceConfig): Promise<ChainPort> {
  await mkdir(path.join(config.dataDir, 'chain'), { recursive: true });
  let anvil: Anvil | undefined;
  let rpcUrl = config.rpcUrl;
  if (!rpcUrl) {
    // --state loads the previous run and dumps on exit; the interval bounds loss on a crash.
    anvil = await startAnvil({ accounts: 10, args: ['--state', path.join(config.dataDir, 'chain', 'state.json'), '--state-interval', '5'] });
    rpcUrl = anvil.rpcUrl;
  }
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await getChainId(probe);
  const chain = { id: chainId, name: `chain-${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } } as Chain;
  const deploymentFile = path.join(config.dataDir, 'deployment.json');
  let deployment: Deployment | undefined;
  let holderRegistry: Address | undefined;
  if (config.registryAddress) {
    // A registry someone named is never swapped for a new one: clients would be served a registry
    // nobody chose, and the sponsor would pay for another deployment on every start.
    // The node's host only: hosted RPC URLs often carry an API key in the path.
    const where = `on chain ${chainId} (${anvil ? 'the embedded anvil' : `RPC_URL at ${new URL(rpcUrl).host}`})`;
    const refuse = async (why: string) => {
      await anvil?.stop();
      throw new ConfigError(`REGISTRY_ADDRESS: ${why}; unset it to deploy a registry, or set RPC_URL to the chain that has it`);
    };
    if ((await probe.getCode({ address: config.registryAddress })) === undefined) await refuse(`no contract at ${config.registryAddress} ${where}`);
    // Any other contract would fail later, untyped, on the first registry call.
    holderRegistry = await getHolderRegistry(probe as never, { registry: config.registryAddress }).catch(() => undefined);
    if (!holderRegistry) await refuse(`the contract at ${config.registryAddress} ${where} is not an Identree identity registry (it has no holderRegistry())`);
    deployment = { chainId, registry: config.registryAddress, fromBlock: '0' };
  } else {
    deployment = await readFile(deploymentFile, 'utf8').then((t) => JSON.parse(t) as Deployment).catch(() => undefined);
    if (deployment && (deployment.chainId !== chainId || (await probe.getCode({ address: deployment.registry })) === undefined)) {
      deployment = undefined; // recorded on another chain, or on a chain that was reset: deploy again
    }
  }
  if (!deployment) {
    const deployer = bindSponsor(rpcUrl, chain, config.sponsorPrivateKey, '0x0000000000000000000000000000000000000000');
    const deployed = await deployIdentityRegistry(deployer);
    deployment = { chainId, registry: deployed.registry, fromBlock: deployed.blockNumber.toString() };
    await writeFile(deploymentFile, JSON.stringify(deployment, null, 2));
  }
  holderRegistry ??= await getHolderRegistry(probe as never, { registry: deployment.registry });
  return {
    chainId,
    rpcUrl,
    registry: deployment.registry,
    holderRegistry,
    fromBlock: BigInt(deployment.fromBlock),
    reader: bindReader(rpcUrl, chain, deployment.registry),
    sponsor: bindSponsor(rpcUrl, chain, config.sponsorPrivateKey, deployment.registry),
    embedded: anvil !== undefined,
    stop: async () => {
      await anvil?.stop();
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    chain: ChainPort;
  }
}

/** Decorates the app with `chain`; closes an embedded anvil with the app. */
export const chainPlugin = fp<{ chain: ChainPort }>(
  async (app, { chain }) => {
    app.decorate('chain', chain);
  },
  { name: 'chain' },
);
