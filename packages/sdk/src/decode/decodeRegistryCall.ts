import { decodeFunctionData, type DecodeFunctionDataReturnType, type Hex } from 'viem';
import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';
import { UnknownRegistryCallError, type RegistryContract } from '../errors/registryCall.js';

export type DecodeRegistryCallParameters = {
  /** Decode against one contract only, e.g. when the transaction is addressed to the identity registry. */
  contract?: RegistryContract;
};
export type DecodeRegistryCallReturnType =
  | ({ contract: 'registry' } & DecodeFunctionDataReturnType<typeof identityRegistryAbi>)
  | ({ contract: 'holderRegistry' } & DecodeFunctionDataReturnType<typeof holderRegistryAbi>);

/**
 * Names the function and decodes the arguments of calldata for the identity registry or its holder
 * registry. The three views both contracts share (`nonces`, `eip712Domain`, `DOMAIN_SEPARATOR`) are
 * reported as the identity registry's unless `contract` says otherwise.
 *
 * @throws UnknownRegistryCallError when the selector is neither contract's or the arguments do not decode.
 *
 * @example
 * const { contract, functionName, args } = decodeRegistryCall(parseTransaction(signed).data ?? '0x')
 * if (functionName === 'registerEntity') console.log(args[0]) // the entity
 */
export function decodeRegistryCall(
  data: Hex,
  { contract }: DecodeRegistryCallParameters = {},
): DecodeRegistryCallReturnType {
  let cause: unknown;
  if (contract !== 'holderRegistry') {
    try {
      return { contract: 'registry', ...decodeFunctionData({ abi: identityRegistryAbi, data }) };
    } catch (error) {
      cause = error;
    }
  }
  if (contract !== 'registry') {
    try {
      return { contract: 'holderRegistry', ...decodeFunctionData({ abi: holderRegistryAbi, data }) };
    } catch (error) {
      cause = error;
    }
  }
  throw new UnknownRegistryCallError(data, { contract, cause });
}
