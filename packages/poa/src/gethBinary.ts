import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where tools/parts/install-go-parts.sh builds geth 1.13.15, the last geth that seals Clique
 * blocks: `GETH_BIN` when set, else `$IDENTREE_BIN_CACHE/geth` (default `~/.cache/identree/bin`).
 */
export function gethPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GETH_BIN) return env.GETH_BIN;
  return path.join(env.IDENTREE_BIN_CACHE ?? path.join(os.homedir(), '.cache/identree/bin'), 'geth');
}

/** Whether geth is there to run; tests skip with this path in their reason when it is not. */
export function hasGeth(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(gethPath(env));
}
