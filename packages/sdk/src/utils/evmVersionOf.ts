import { call } from 'viem/actions';
import type { Client } from 'viem';

/**
 * Which of our two builds a chain runs: `cancun`, or `paris` for networks before Shanghai (a geth Clique consortium),
 * which have no PUSH0. Probed by running `PUSH0 PUSH0 RETURN` as creation code in an `eth_call`. Anything but a clean
 * answer means `paris`: that build runs on later networks too, so a wrong guess costs a little gas, never a failed deploy.
 *
 * @example
 * await deployFaceTemplateRegistry(sponsor, { registry, evmVersion: await evmVersionOf(sponsor) })
 */
export async function evmVersionOf(client: Client): Promise<'cancun' | 'paris'> {
  try {
    await call(client, { data: '0x5f5ff3' });
    return 'cancun';
  } catch {
    return 'paris';
  }
}
