import type { Address, TypedDataDefinition } from 'viem';
import { HOLDER_REGISTRY_TYPES } from '../holders/holderTypedData.js';
import { HOLDER_MESSAGE_TYPES } from '../utils/holderMessages.js';

/** Every EIP-712 message a holder, a new key or a guardian signs, by primary type. */
type HolderTypes = typeof HOLDER_MESSAGE_TYPES & typeof HOLDER_REGISTRY_TYPES;
export type HolderTypedDataType = keyof HolderTypes;

/**
 * The EIP-712 domains the contracts report (ERC-5267 `eip712Domain()`): the identity registry verifies
 * `LinkCredential` and `UnlinkCredential`, the holder registry every other message.
 */
export const HOLDER_TYPED_DATA_DOMAINS = {
  registry: { name: 'Identree', version: '1' },
  holderRegistry: { name: 'Identree Holders', version: '1' },
} as const;

export type PrepareHolderTypedDataParameters<T extends HolderTypedDataType> = {
  chainId: number;
  /** The identity registry for `LinkCredential` / `UnlinkCredential`, the holder registry otherwise. */
  verifyingContract: Address;
  primaryType: T;
  /** The message, with the signer's current `nonce` (read `nonces(identity)`) and a `deadline` in unix seconds. */
  message: TypedDataDefinition<HolderTypes, T>['message'];
};
export type PrepareHolderTypedDataReturnType<T extends HolderTypedDataType> = TypedDataDefinition<
  Pick<HolderTypes, T>,
  T
> & {
  domain: { name: string; version: string; chainId: number; verifyingContract: Address };
};

/**
 * The typed data a holder (or a guardian, or a new key) signs for a relayed write, ready for a wallet's
 * `signTypedData`; the sponsor then sends `prepareRelayedHolderWrite` with the signature. The same
 * types as the `sign*` actions (`HOLDER_MESSAGE_TYPES`, `HOLDER_REGISTRY_TYPES`), for a signer that
 * cannot read the chain itself. Pure: the caller supplies the chain, the contract and the nonce.
 *
 * @example
 * const typedData = prepareHolderTypedData({
 *   chainId, verifyingContract: holderRegistry, primaryType: 'CancelRecovery',
 *   message: { identity: alice, nonce, deadline },
 * })
 * const signature = await aliceWallet.signTypedData(typedData)
 */
export function prepareHolderTypedData<const T extends HolderTypedDataType>({
  chainId,
  verifyingContract,
  primaryType,
  message,
}: PrepareHolderTypedDataParameters<T>): PrepareHolderTypedDataReturnType<T> {
  const onRegistry = Object.hasOwn(HOLDER_MESSAGE_TYPES, primaryType);
  const { name, version } = HOLDER_TYPED_DATA_DOMAINS[onRegistry ? 'registry' : 'holderRegistry'];
  const fields = onRegistry
    ? HOLDER_MESSAGE_TYPES[primaryType as keyof typeof HOLDER_MESSAGE_TYPES]
    : HOLDER_REGISTRY_TYPES[primaryType as keyof typeof HOLDER_REGISTRY_TYPES];
  // No message nests a struct, so the primary type's own fields are all the types there are.
  const types = { [primaryType]: fields } as Pick<HolderTypes, T>;
  const domain = { name, version, chainId, verifyingContract };
  return { domain, types, primaryType, message } as PrepareHolderTypedDataReturnType<T>;
}
