import { encodeFunctionData, stringToHex } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { DefineCredentialTypeParameters } from '../actions/defineCredentialType.js';
import { InvalidParameterError } from '../errors/base.js';
import type { PreparedCall } from './types.js';

export type PrepareDefineCredentialTypeParameters = Omit<DefineCredentialTypeParameters, 'account'>;
export type PrepareDefineCredentialTypeReturnType = PreparedCall;

/**
 * The unsigned call of `defineCredentialType` (root only). The name is stored as bytes32, so at most
 * 31 bytes of UTF-8. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareDefineCredentialType({ registry, name: 'Diploma', rules: { sourceType: 1 } })
 * await rootWallet.sendTransaction(call)
 */
export function prepareDefineCredentialType(parameters: PrepareDefineCredentialTypeParameters): PrepareDefineCredentialTypeReturnType {
  return { to: parameters.registry, data: encodeFunctionData({ abi: identityRegistryAbi, ...defineCredentialTypeCall(parameters) }) };
}

/** The function and arguments of a credential type definition, checked: shared by the action and the prepared call. */
export function defineCredentialTypeCall({ name, rules = {} }: Pick<DefineCredentialTypeParameters, 'name' | 'rules'>) {
  if (name.length === 0 || new TextEncoder().encode(name).length > 31) {
    throw new InvalidParameterError('name', 'must be 1 to 31 bytes of UTF-8');
  }
  return {
    functionName: 'defineCredentialType',
    args: [
      stringToHex(name, { size: 32 }),
      {
        transferable: rules.transferable ?? false,
        governmentOnly: rules.governmentOnly ?? false,
        parentLinks: rules.parentLinks ?? false,
        appendable: rules.appendable ?? false,
        sourceType: rules.sourceType ?? 0,
      },
    ],
  } as const;
}
