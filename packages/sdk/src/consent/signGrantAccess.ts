import type { Account, Address, Hash, Hex } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import { WHOLE_CREDENTIAL } from './attributesDigest.js';
import { checkGrantInput } from './checkGrantInput.js';
import type { SignedGrantAccess } from './types.js';

export type SignGrantAccessParameters = SignHolderRegistryMessageParameters & {
  /** The holder's identity; default the signing account (right until the holder rotates its key). */
  holder?: Address;
  verifier: Address;
  uid: Hash;
  duration: number;
  attributes?: Hex;
};
export type SignGrantAccessReturnType = SignedGrantAccess;

/**
 * The holder's current key signs a `GrantAccess` message (EIP-712, domain "Identree Holders" v1)
 * for a sponsor to relay with `relayGrantAccess`; the holder needs no ether.
 *
 * @example
 * const signed = await signGrantAccess(holderClient, { holderRegistry, verifier: bank, uid, duration: 86_400 })
 * await relayGrantAccess(sponsorClient, { holderRegistry, ...signed })
 */
export async function signGrantAccess(client: RegistryClient, parameters: SignGrantAccessParameters): Promise<SignGrantAccessReturnType> {
  const { verifier, uid, duration, attributes = WHOLE_CREDENTIAL } = parameters;
  checkGrantInput({ verifier, uid, duration, attributes });
  const holder = parameters.holder ?? signerOf(client, parameters.account);
  const { nonce, deadline, signature } = await signHolderRegistryMessage(client, 'GrantAccess', {
    ...parameters,
    nonceOf: holder,
    message: (nonce, deadline) => ({ holder, verifier, uid, duration, attributes, nonce, deadline }),
  });
  return { holder, verifier, uid, duration, attributes, nonce, deadline, signature };
}

export function signerOf(client: RegistryClient, account: Account | Address | undefined): Address {
  const a = account ?? client.account;
  if (!a) return '0x0000000000000000000000000000000000000000';
  return typeof a === 'string' ? a : a.address;
}
