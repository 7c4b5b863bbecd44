import type { Address } from 'viem';
import { readHolderRegistry } from '../holders/holderRegistryCall.js';
import { readRegistry, type RegistryClient } from '../utils/writeRegistry.js';
import { HOLDER_MESSAGE_TYPES } from '../utils/holderMessages.js';
import type { HolderTypedDataType } from './prepareHolderTypedData.js';

export type GetHolderMessageNonceParameters = {
  registry: Address;
  holderRegistry: Address;
  primaryType: HolderTypedDataType;
  /** Whose nonce the message consumes: the holder, the identity, or for `ApproveRecovery` the guardian. */
  signer: Address;
};
export type GetHolderMessageNonceReturnType = bigint;

/**
 * The nonce a holder message of `primaryType` must carry: the identity registry's `nonces(signer)`
 * for `LinkCredential` / `UnlinkCredential`, the holder registry's for every other message. With
 * `prepareHolderTypedData`, all a signer that cannot read the chain needs.
 *
 * @example
 * const nonce = await getHolderMessageNonce(publicClient, { registry, holderRegistry, primaryType: 'GrantAccess', signer: alice })
 */
export async function getHolderMessageNonce(
  client: RegistryClient,
  { registry, holderRegistry, primaryType, signer }: GetHolderMessageNonceParameters,
): Promise<GetHolderMessageNonceReturnType> {
  return Object.hasOwn(HOLDER_MESSAGE_TYPES, primaryType)
    ? readRegistry<bigint>(client, { registry, functionName: 'nonces', args: [signer] })
    : readHolderRegistry<bigint>(client, { holderRegistry, functionName: 'nonces', args: [signer] });
}
