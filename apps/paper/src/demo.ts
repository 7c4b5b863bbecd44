// npm run demo:paper — replays the paper's Figure 10 walk-through and prints every entity's identity
// tree. On a local anvil by default; `-- --poa` starts a three-validator geth Clique network (1 s
// blocks) and runs it there; `-- --rpc-url URL --funded-key KEY` runs it on any chain the key funds.
import { parseArgs } from 'node:util';
import type { Hex } from 'viem';
import { startPoaNetwork } from '@identree/poa';
import { castOnChain } from './castOnChain.js';
import { runWalkthrough, type WalkthroughChain } from './walkthrough.js';
import { printTree } from './printTree.js';
import type { CastName } from './cast.js';

const { values } = parseArgs({ options: { poa: { type: 'boolean' }, 'rpc-url': { type: 'string' }, 'funded-key': { type: 'string' } } });
if (Boolean(values['rpc-url']) !== Boolean(values['funded-key'])) {
  console.error('--rpc-url and --funded-key go together: the key pays for the cast on that chain');
  process.exit(2);
}
if (!/^0x[0-9a-fA-F]{64}$/.test(values['funded-key'] ?? '0x'.padEnd(66, '0'))) {
  console.error('--funded-key: expected a 32-byte hex private key');
  process.exit(2);
}
let chain: WalkthroughChain | undefined;
if (values.poa) {
  const net = await startPoaNetwork({ validators: 3, periodS: 1 });
  console.log(`geth Clique network: ${net.validators.length} validators, chain ${net.chainId}, ${net.rpcUrls.join(' ')}\n`);
  chain = await castOnChain({ rpcUrl: net.rpcUrls[0]!, fundedKey: net.fundedKey, stop: net.stop }).catch(async (e) => { await net.stop(); throw e; });
} else if (values['rpc-url']) {
  chain = await castOnChain({ rpcUrl: values['rpc-url'], fundedKey: values['funded-key'] as Hex });
}

const w = await runWalkthrough({ log: (line) => console.log(line), chain });
try {
  console.log('\nIdentity trees\n');
  for (const name of Object.keys(w.addresses) as CastName[]) {
    console.log(await printTree(w, name));
    console.log();
  }
} finally {
  await w.chain.stop();
}
