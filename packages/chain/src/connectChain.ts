import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createPublicClient, createWalletClient, http, publicActions, type Address, type Chain } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { getChainId } from 'viem/actions';
import { deployIdentityRegistry, getHolderRegistry, identreeActions } from '@identree/sdk';
import { ChainConfigError } from './errors.js';

/** What a service that reads the chain knows: clients bound to the registry, and who pays (by address). */
export type RegistryPort = Omit<ChainPort, 'sponsor'>;

/** What the services know about the chain: clients bound to the registry, and who pays. */
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
  /** The sponsor's address: the account relayed writes are simulated as. */
  sponsorAddress: Address;
  /** Whether the node is the embedded development chain (set by whoever started it). */
  embedded: boolean;
  stop(): Promise<void>;
};

export type ConnectChainParameters = {
  rpcUrl: string;
  /** The sponsor's key: deploys on a fresh chain and pays for relayed holder writes. */
  sponsorPrivateKey: `0x${string}`;
  /** An existing registry; without it one is deployed once and recorded in `deploymentDir`. */
  registryAddress?: Address;
  /** Where `deployment.json` is kept, so a restart finds the same registry. */
  deploymentDir: string;
  /** Says how the node was reached in errors; defaults to its host. */
  describeNode?: string;
  embedded?: boolean;
  /**
   * Where the identity tokens' ERC-721 metadata is served (`<public URL>/tokens/`): on a fresh
   * deployment the deployer, who is root, points `tokenURI` there, so wallets show a token rather
   * than a blank. An existing registry keeps whatever its root set.
   */
  tokenBaseUri?: string;
  /** Called by `stop()`: the embedded default stops its chain here. */
  onStop?: () => Promise<void>;
};

type Deployment = { chainId: number; registry: Address; fromBlock: string };

const bindReader = (rpcUrl: string, chain: Chain, registry: Address) =>
  createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 200 }).extend(identreeActions(registry) as never) as unknown as ReturnType<
    ReturnType<typeof identreeActions>
  > & ReturnType<typeof createPublicClient>;

const bindSponsor = (rpcUrl: string, chain: Chain, key: `0x${string}`, registry: Address) =>
  createWalletClient({ account: privateKeyToAccount(key), chain, transport: http(rpcUrl), pollingInterval: 200 }).extend(publicActions).extend(identreeActions(registry));

/**
 * Connects to an EVM node and finds the registry. Production code receives the node and the
 * sponsor key; only the embedded default (services/stack) starts a development chain. The registry
 * is deployed once per chain and recorded in `deploymentDir/deployment.json`; `registryAddress`
 * names an existing one instead, and without an identity registry there this throws
 * `ChainConfigError` rather than deploy.
 *
 * @example
 * const chain = await connectChain({ rpcUrl: 'http://127.0.0.1:8545', sponsorPrivateKey, deploymentDir: '.data' })
 * await chain.reader.getEntity({ entity })
 */
export async function connectChain(p: ConnectChainParameters): Promise<ChainPort> {
  await mkdir(p.deploymentDir, { recursive: true });
  const probe = createPublicClient({ transport: http(p.rpcUrl) });
  const chainId = await getChainId(probe);
  const chain = { id: chainId, name: `chain-${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [p.rpcUrl] } } } as Chain;
  const deploymentFile = path.join(p.deploymentDir, 'deployment.json');
  let deployment: Deployment | undefined;
  let holderRegistry: Address | undefined;
  if (p.registryAddress) {
    // A registry someone named is never swapped for a new one: clients would be served a registry
    // nobody chose, and the sponsor would pay for another deployment on every start.
    // The node's host only: hosted RPC URLs often carry an API key in the path.
    const where = `on chain ${chainId} (${p.describeNode ?? `RPC_URL at ${new URL(p.rpcUrl).host}`})`;
    const refuse = (why: string) => new ChainConfigError(`REGISTRY_ADDRESS: ${why}; unset it to deploy a registry, or set RPC_URL to the chain that has it`);
    if ((await probe.getCode({ address: p.registryAddress })) === undefined) throw refuse(`no contract at ${p.registryAddress} ${where}`);
    // Any other contract would fail later, untyped, on the first registry call.
    holderRegistry = await getHolderRegistry(probe as never, { registry: p.registryAddress }).catch(() => undefined);
    if (!holderRegistry) throw refuse(`the contract at ${p.registryAddress} ${where} is not an Identree identity registry (it has no holderRegistry())`);
    deployment = { chainId, registry: p.registryAddress, fromBlock: '0' };
  } else {
    deployment = await readFile(deploymentFile, 'utf8').then((t) => JSON.parse(t) as Deployment).catch(() => undefined);
    if (deployment && (deployment.chainId !== chainId || (await probe.getCode({ address: deployment.registry })) === undefined)) {
      deployment = undefined; // recorded on another chain, or on a chain that was reset: deploy again
    }
  }
  if (!deployment) {
    const deployer = bindSponsor(p.rpcUrl, chain, p.sponsorPrivateKey, '0x0000000000000000000000000000000000000000');
    const deployed = await deployIdentityRegistry(deployer);
    if (p.tokenBaseUri) await bindSponsor(p.rpcUrl, chain, p.sponsorPrivateKey, deployed.registry).setBaseTokenURI({ baseURI: p.tokenBaseUri });
    deployment = { chainId, registry: deployed.registry, fromBlock: deployed.blockNumber.toString() };
    await writeFile(deploymentFile, JSON.stringify(deployment, null, 2));
  }
  holderRegistry ??= await getHolderRegistry(probe as never, { registry: deployment.registry });
  return {
    chainId,
    rpcUrl: p.rpcUrl,
    registry: deployment.registry,
    holderRegistry,
    fromBlock: BigInt(deployment.fromBlock),
    reader: bindReader(p.rpcUrl, chain, deployment.registry),
    sponsor: bindSponsor(p.rpcUrl, chain, p.sponsorPrivateKey, deployment.registry),
    sponsorAddress: privateKeyToAccount(p.sponsorPrivateKey).address,
    embedded: p.embedded ?? false,
    stop: async () => {
      await p.onStop?.();
    },
  };
}

export type ConnectRegistryParameters = {
  rpcUrl: string;
  chainId: number;
  registry: Address;
  holderRegistry: Address;
  fromBlock: bigint;
  sponsorAddress: Address;
  embedded?: boolean;
};

/**
 * The chain as the API sees it in the split arrangement: read clients and the sponsor's address, as
 * the chain worker describes them, and no key. The chain id is checked against the node, so an API
 * pointed at another chain than its worker refuses to start.
 */
export async function connectRegistry(p: ConnectRegistryParameters): Promise<RegistryPort> {
  const chainId = await getChainId(createPublicClient({ transport: http(p.rpcUrl) }));
  if (chainId !== p.chainId) throw new ChainConfigError(`RPC_URL: the node is chain ${chainId}, but the chain worker writes to chain ${p.chainId}`);
  const chain = { id: chainId, name: `chain-${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [p.rpcUrl] } } } as Chain;
  return {
    chainId,
    rpcUrl: p.rpcUrl,
    registry: p.registry,
    holderRegistry: p.holderRegistry,
    fromBlock: p.fromBlock,
    reader: bindReader(p.rpcUrl, chain, p.registry),
    sponsorAddress: p.sponsorAddress,
    embedded: p.embedded ?? false,
    stop: async () => {},
  };
}
