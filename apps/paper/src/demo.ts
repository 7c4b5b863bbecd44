// npm run demo:paper — replays the paper's Figure 10 walk-through on a local anvil and prints
// every entity's identity tree.
import { runWalkthrough } from './walkthrough.js';
import { printTree } from './printTree.js';
import type { CastName } from './cast.js';

const w = await runWalkthrough({ log: (line) => console.log(line) });
try {
  console.log('\nIdentity trees\n');
  for (const name of Object.keys(w.addresses) as CastName[]) {
    console.log(await printTree(w, name));
    console.log();
  }
} finally {
  await w.chain.stop();
}
