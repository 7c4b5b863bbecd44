import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import { signerOf } from '../consent/signGrantAccess.js';
import { checkRecoveryInput } from './checkRecoveryInput.js';
import type { SignedCancelRecovery } from './types.js';

export type SignCancelRecoveryParameters = SignHolderRegistryMessageParameters & {
  /** The identity whose pending recoveries are voided; default the signing account (right until it rotates its key). */
  identity?: Address;
};
export type SignCancelRecoveryReturnType = SignedCancelRecovery;

/**
 * The identity's current key signs a `CancelRecovery` message, voiding every pending recovery once a
 * sponsor relays it with `relayCancelRecovery`: a holder with no ether can still stop a hostile
 * recovery during the delay.
 *
 * @example
 * await relayCancelRecovery(sponsorClient, { holderRegistry, ...(await signCancelRecovery(aliceClient, { holderRegistry })) })
 */
export async function signCancelRecovery(client: RegistryClient, parameters: SignCancelRecoveryParameters): Promise<SignCancelRecoveryReturnType> {
  checkRecoveryInput({ identity: parameters.identity, deadline: parameters.deadline });
  const identity = parameters.identity ?? signerOf(client, parameters.account);
  const { nonce, deadline, signature } = await signHolderRegistryMessage(client, 'CancelRecovery', {
    ...parameters,
    nonceOf: identity,
    message: (nonce, deadline) => ({ identity, nonce, deadline }),
  });
  return { identity, nonce, deadline, signature };
}
