import { encodeFunctionData } from 'viem';
import { holderRegistryAbi } from '@identree/abi';
import type { RebindByRegistrarParameters } from '../recovery/rebindByRegistrar.js';
import type { PreparedCall } from './types.js';

export type PrepareRebindByRegistrarParameters = Omit<RebindByRegistrarParameters, 'account'>;
export type PrepareRebindByRegistrarReturnType = PreparedCall;

/**
 * The unsigned call of the holder registry's `rebindByRegistrar`: root or an active registrar above
 * `identity` re-binds it to `newKey` after an in-person check. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareRebindByRegistrar({ holderRegistry, identity: alice, newKey, evidence: keccak256(record) })
 * await registrarWallet.sendTransaction(call)
 */
export function prepareRebindByRegistrar(
  { holderRegistry, identity, newKey, evidence }: PrepareRebindByRegistrarParameters,
): PrepareRebindByRegistrarReturnType {
  const data = encodeFunctionData({
    abi: holderRegistryAbi,
    functionName: 'rebindByRegistrar',
    args: [identity, newKey, evidence],
  });
  return { to: holderRegistry, data };
}
