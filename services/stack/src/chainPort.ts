import { ConfigError } from '@identree/api';
import { DEFAULT_CHAIN_PORT } from './embeddedChain.js';

/**
 * CHAIN_PORT: the embedded anvil's RPC port. Fixed by default (8545), so a wallet, a script or
 * `cast` keeps working across restarts; `0` picks a free one (tests run several stacks at once).
 */
export function chainPortFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return DEFAULT_CHAIN_PORT;
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65_535) throw new ConfigError(`CHAIN_PORT: expected a port number (0 for a free one), got "${value}"`);
  return Number(value) === 0 ? undefined : Number(value);
}
