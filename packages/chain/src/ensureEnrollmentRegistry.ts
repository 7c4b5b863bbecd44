import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getAddress, isAddress, type Address } from 'viem';
import { deployEnrollmentRegistry, evmVersionOf } from '@identree/sdk';
import type { ChainPort } from './connectChain.js';

export type EnsureEnrollmentRegistryParameters = {
  chain: Pick<ChainPort, 'registry' | 'reader' | 'sponsor'>;
  /** Where `enrollment-registry.json` is kept, beside the registry's own `deployment.json`. */
  deploymentDir: string;
};

/**
 * The document enrollment registry (issue 20) beside the identity registry: deployed once by the sponsor,
 * who owns it (accredits verifiers) and, on the embedded stack, is the identity provider that attests.
 * Recorded in `deploymentDir/enrollment-registry.json` so a restart finds the same one.
 *
 * @example
 * const enrollmentRegistry = await ensureEnrollmentRegistry({ chain, deploymentDir: config.dataDir })
 */
export async function ensureEnrollmentRegistry({ chain, deploymentDir }: EnsureEnrollmentRegistryParameters): Promise<Address> {
  const record = path.join(deploymentDir, 'enrollment-registry.json');
  const saved = await readFile(record, 'utf8').then((t) => JSON.parse(t) as { registry: string; enrollmentRegistry: string }).catch(() => null);
  if (saved && isAddress(saved.enrollmentRegistry) && saved.registry.toLowerCase() === chain.registry.toLowerCase()) return getAddress(saved.enrollmentRegistry);
  const evmVersion = await evmVersionOf(chain.reader as never);
  const { enrollmentRegistry } = await deployEnrollmentRegistry(chain.sponsor as never, { registry: chain.registry, evmVersion });
  await writeFile(record, JSON.stringify({ registry: chain.registry, enrollmentRegistry }, null, 2));
  return enrollmentRegistry;
}
