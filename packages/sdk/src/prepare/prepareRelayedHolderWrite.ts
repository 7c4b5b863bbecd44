import { encodeFunctionData, type Abi, type Address, type ContractFunctionArgs } from 'viem';
import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';
import { InvalidParameterError } from '../errors/base.js';
import { UnknownRegistryCallError, type RegistryContract } from '../errors/registryCall.js';
import type { PreparedCall } from './types.js';

/**
 * Every write a sponsor relays for a holder (or a guardian), and the contract it goes to. Anyone may
 * send these: the signatures in the arguments, not the sender, authorize them.
 */
export const RELAYED_HOLDER_WRITES = {
  linkCredentialBySig: 'registry',
  unlinkCredentialBySig: 'registry',
  grantAccessBySig: 'holderRegistry',
  revokeAccessBySig: 'holderRegistry',
  addGuardianBySig: 'holderRegistry',
  removeGuardianBySig: 'holderRegistry',
  approveRecoveryBySig: 'holderRegistry',
  cancelRecoveryBySig: 'holderRegistry',
  finalizeRecovery: 'holderRegistry',
  rotateKeyBySig: 'holderRegistry',
  // An authority's signed registry call: the signature in the arguments authorizes it, as for holders.
  relayAuthorityCall: 'holderRegistry',
} as const satisfies Record<string, RegistryContract>;
export type RelayedHolderWriteName = keyof typeof RELAYED_HOLDER_WRITES;

type OnRegistry = {
  [N in RelayedHolderWriteName]: (typeof RELAYED_HOLDER_WRITES)[N] extends 'registry' ? N : never;
}[RelayedHolderWriteName];
type OnHolderRegistry = Exclude<RelayedHolderWriteName, OnRegistry>;

export type PrepareRelayedHolderWriteParameters =
  | {
      [N in OnRegistry]: {
        registry: Address;
        holderRegistry?: Address;
        functionName: N;
        args: ContractFunctionArgs<typeof identityRegistryAbi, 'nonpayable', N>;
      };
    }[OnRegistry]
  | {
      [N in OnHolderRegistry]: {
        registry?: Address;
        holderRegistry: Address;
        functionName: N;
        args: ContractFunctionArgs<typeof holderRegistryAbi, 'nonpayable', N>;
      };
    }[OnHolderRegistry];
export type PrepareRelayedHolderWriteReturnType = PreparedCall & { contract: RegistryContract };

/**
 * The unsigned call a sponsor sends to relay a holder's signed message, addressed to the contract that
 * verifies it: `linkCredentialBySig` and `unlinkCredentialBySig` to the identity registry, the consent,
 * guardian, recovery and key writes to the holder registry. Pass both addresses and let the function
 * pick. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const signed = await signGrantAccess(holderClient, { holderRegistry, verifier: bank, uid, duration: 86_400 })
 * const call = prepareRelayedHolderWrite({
 *   registry, holderRegistry, functionName: 'grantAccessBySig',
 *   args: [signed.holder, signed.verifier, signed.uid, signed.duration, signed.attributes, signed.deadline,
 *     signed.signature],
 * })
 * await sponsorWallet.sendTransaction(call)
 */
export function prepareRelayedHolderWrite(
  parameters: PrepareRelayedHolderWriteParameters,
): PrepareRelayedHolderWriteReturnType {
  const { functionName, args } = parameters;
  if (!Object.hasOwn(RELAYED_HOLDER_WRITES, functionName)) throw new UnknownRegistryCallError(functionName);
  const contract: RegistryContract = RELAYED_HOLDER_WRITES[functionName];
  const to = contract === 'registry' ? parameters.registry : parameters.holderRegistry;
  if (!to) {
    const registryName = contract === 'registry' ? 'identity' : 'holder';
    const reason = `${functionName} is a function of the ${registryName} registry: pass its address`;
    throw new InvalidParameterError(contract, reason);
  }
  // The parameter type ties each name to its arguments; here the two ABIs are one table, hence `Abi`.
  const abi: Abi = contract === 'registry' ? identityRegistryAbi : holderRegistryAbi;
  return { to, data: encodeFunctionData({ abi, functionName, args }), contract };
}
