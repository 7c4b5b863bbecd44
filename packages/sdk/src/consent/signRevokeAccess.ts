import type { Address, Hash } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import { checkGrantInput } from './checkGrantInput.js';
import { signerOf } from './signGrantAccess.js';
import type { SignedRevokeAccess } from './types.js';

export type SignRevokeAccessParameters = SignHolderRegistryMessageParameters & { holder?: Address; verifier: Address; uid: Hash };
export type SignRevokeAccessReturnType = SignedRevokeAccess;

/**
 * The holder's current key signs a `RevokeAccess` message for a sponsor to relay with
 * `relayRevokeAccess`.
 *
 * @example
 * await relayRevokeAccess(sponsorClient, { holderRegistry, ...(await signRevokeAccess(holderClient, { holderRegistry, verifier: bank, uid })) })
 */
export async function signRevokeAccess(client: RegistryClient, parameters: SignRevokeAccessParameters): Promise<SignRevokeAccessReturnType> {
  const { verifier, uid } = parameters;
  checkGrantInput({ verifier, uid });
  const holder = parameters.holder ?? signerOf(client, parameters.account);
  const { nonce, deadline, signature } = await signHolderRegistryMessage(client, 'RevokeAccess', {
    ...parameters,
    nonceOf: holder,
    message: (nonce, deadline) => ({ holder, verifier, uid, nonce, deadline }),
  });
  return { holder, verifier, uid, nonce, deadline, signature };
}
