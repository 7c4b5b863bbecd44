import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getAddress, isAddress, type Address } from 'viem';
import { deployFaceTemplateRegistry, evmVersionOf } from '@identree/sdk';
import type { ChainPort } from './connectChain.js';

export type EnsureFaceTemplateRegistryParameters = {
  chain: Pick<ChainPort, 'registry' | 'reader' | 'sponsor'>;
  /** Where `face-template-registry.json` is kept, beside the registry's own `deployment.json`. */
  deploymentDir: string;
};

/**
 * The face template registry (issue 21) beside the identity registry: deployed once by the sponsor and
 * recorded in `deploymentDir/face-template-registry.json`, so a restart, or another part of the service
 * reading the same directory, finds the same one. A record for another registry (a new chain) is ignored.
 *
 * @example
 * const faceTemplateRegistry = await ensureFaceTemplateRegistry({ chain, deploymentDir: config.dataDir })
 */
export async function ensureFaceTemplateRegistry({ chain, deploymentDir }: EnsureFaceTemplateRegistryParameters): Promise<Address> {
  const record = path.join(deploymentDir, 'face-template-registry.json');
  const saved = await readFile(record, 'utf8').then((t) => JSON.parse(t) as { registry: string; faceTemplateRegistry: string }).catch(() => null);
  if (saved && isAddress(saved.faceTemplateRegistry) && saved.registry.toLowerCase() === chain.registry.toLowerCase()) return getAddress(saved.faceTemplateRegistry);
  // The same build as the chain runs: a Clique network (paris) has no PUSH0.
  const evmVersion = await evmVersionOf(chain.reader as never);
  const { faceTemplateRegistry } = await deployFaceTemplateRegistry(chain.sponsor as never, { registry: chain.registry, evmVersion });
  await writeFile(record, JSON.stringify({ registry: chain.registry, faceTemplateRegistry }, null, 2));
  return faceTemplateRegistry;
}
