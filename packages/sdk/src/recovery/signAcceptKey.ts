import type { Address } from 'viem';
import { isAddress } from 'viem';
import { InvalidParameterError } from '../errors/base.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import type { SignedAcceptKey } from './types.js';

export type SignAcceptKeyParameters = SignHolderRegistryMessageParameters & {
  /** The identity the signing key (the new key) agrees to control. */
  identity: Address;
};
export type SignAcceptKeyReturnType = SignedAcceptKey;

/**
 * The new key signs `AcceptKey(identity, newKey, nonce, deadline)`: its proof of possession, so
 * control never moves to a mistyped address. The identity's current key then calls `rotateKey`.
 *
 * @example
 * const accepted = await signAcceptKey(newKeyClient, { holderRegistry, identity: alice })
 * await rotateKey(aliceClient, { holderRegistry, ...accepted })
 */
export async function signAcceptKey(client: RegistryClient, parameters: SignAcceptKeyParameters): Promise<SignAcceptKeyReturnType> {
  const { identity } = parameters;
  if (!isAddress(identity, { strict: false })) throw new InvalidParameterError('identity', 'is not an address');
  const newKey = signerAddress(client, parameters);
  const { nonce, deadline, signature } = await signHolderRegistryMessage(client, 'AcceptKey', {
    ...parameters,
    nonceOf: identity,
    message: (nonce, deadline) => ({ identity, newKey, nonce, deadline }),
  });
  return { identity, newKey, nonce, deadline, signature };
}

const signerAddress = (client: RegistryClient, p: SignAcceptKeyParameters): Address => {
  const a = p.account ?? client.account;
  if (!a) throw new InvalidParameterError('account', 'the new key must sign: pass its account');
  return typeof a === 'string' ? a : a.address;
};
