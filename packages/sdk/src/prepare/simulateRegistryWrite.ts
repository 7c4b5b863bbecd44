import { encodeFunctionData, type Abi, type Account, type Address, type Hex } from 'viem';
import { simulateContract } from 'viem/actions';
import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';
import { IdentreeError } from '../errors/base.js';
import { decodeRegistryError } from '../errors/decodeRegistryError.js';
import { decodeHolderRegistryError } from '../errors/holderRegistry.js';
import { UnknownRegistryCallError, type RegistryContract } from '../errors/registryCall.js';
import { decodeRegistryCall } from '../decode/decodeRegistryCall.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

type Call =
  /** Calldata, e.g. a `prepare*` result's or a signed transaction's. */
  | { data: Hex; functionName?: undefined; args?: undefined }
  /** A function of either contract by name; the names of writes are unique across the two. */
  | { data?: undefined; functionName: string; args?: readonly unknown[] };

export type SimulateRegistryWriteParameters = Call & {
  /** The identity registry's or the holder registry's address. */
  to: Address;
  /** Which contract `to` is; default: the one whose ABI the call decodes with. */
  contract?: RegistryContract;
  /** Who would send it (a sponsor, an authority); default the client's account. */
  account?: Account | Address;
  value?: 0n;
};
export type SimulateRegistryWriteReturnType = {
  contract: RegistryContract;
  functionName: string;
  args: readonly unknown[];
  /** What the function would return (a new token id, a credential uid…). */
  result: unknown;
};

/**
 * Runs a registry or holder-registry call without sending it, as `account`, and answers a revert with
 * the SDK's typed error (`EntityAlreadyRegisteredError`, `HolderSignatureInvalidError`…), so a write
 * the contract would refuse is rejected before anything is signed, stored or paid for.
 *
 * @throws UnknownRegistryCallError when the call is neither contract's.
 *
 * @example
 * const call = prepareRelayedHolderWrite({ registry, holderRegistry, functionName: 'grantAccessBySig', args })
 * await simulateRegistryWrite(publicClient, { ...call, account: sponsor }) // throws ConsentSignatureInvalidError…
 */
export async function simulateRegistryWrite(
  client: RegistryClient,
  parameters: SimulateRegistryWriteParameters,
): Promise<SimulateRegistryWriteReturnType> {
  const { to, account = client.account } = parameters;
  if (!account) throw new IdentreeError('A simulation needs a sender: pass `account` or use a client with one.');
  const call =
    parameters.data !== undefined
      ? decodeRegistryCall(parameters.data, { contract: parameters.contract })
      : {
          contract: parameters.contract ?? contractOf(parameters.functionName),
          functionName: parameters.functionName,
          args: parameters.args ?? [],
        };
  const onHolders = call.contract === 'holderRegistry';
  // Names and arguments were checked against the ABI above (or are by viem below); the two ABIs are one table here.
  const abi: Abi = onHolders ? holderRegistryAbi : identityRegistryAbi;
  const args = call.args ?? [];
  if (parameters.data === undefined) checkEncodes(abi, call.contract, call.functionName, args);
  try {
    const { functionName } = call;
    const { value } = parameters;
    const { result } = await simulateContract(client, { address: to, abi, functionName, args, account, value });
    return { contract: call.contract, functionName: call.functionName, args, result };
  } catch (error) {
    throw onHolders ? decodeHolderRegistryError(error) : decodeRegistryError(error);
  }
}

function contractOf(functionName: string): RegistryContract {
  const has = (abi: Abi) => abi.some((item) => item.type === 'function' && item.name === functionName);
  if (has(identityRegistryAbi)) return 'registry';
  if (has(holderRegistryAbi)) return 'holderRegistry';
  throw new UnknownRegistryCallError(functionName);
}

/** A name or arguments the ABI does not take fail as the caller's mistake, not as a revert. */
function checkEncodes(abi: Abi, contract: RegistryContract, functionName: string, args: readonly unknown[]) {
  try {
    encodeFunctionData({ abi, functionName, args });
  } catch (cause) {
    throw new UnknownRegistryCallError(functionName, { contract, cause });
  }
}
