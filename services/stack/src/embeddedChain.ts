import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { devPrivateKey, startAnvil } from '@identree/devchain';

/**
 * The embedded default's chain: anvil with its state in `dataDir/chain`, and anvil's public dev key
 * #0 as root government and sponsor. Only this launcher creates a chain or a key; the services
 * receive both. anvil keeps its state in memory and dumps it every second and on exit, so a kill -9
 * loses the last second of blocks: the chain worker's reconciliation sends those writes again.
 */
export async function startEmbeddedChain(dataDir: string, { port }: { port?: number } = {}) {
  await mkdir(path.join(dataDir, 'chain'), { recursive: true });
  const anvil = await startAnvil({ accounts: 10, port, args: ['--state', path.join(dataDir, 'chain', 'state.json'), '--state-interval', '1'] });
  return { rpcUrl: anvil.rpcUrl, port: Number(new URL(anvil.rpcUrl).port), sponsorPrivateKey: devPrivateKey(0), exited: anvil.exited, stop: () => anvil.stop() };
}
