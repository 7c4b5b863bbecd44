import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import { signerOf } from '../consent/signGrantAccess.js';
import { checkRecoveryInput } from './checkRecoveryInput.js';
import type { SignedApproveRecovery } from './types.js';

export type SignApproveRecoveryParameters = SignHolderRegistryMessageParameters & {
  /** The guardian's identity; default the signing account (right until the guardian rotates its key). */
  guardian?: Address;
  /** The identity to recover. */
  identity: Address;
  /** The key that is to control `identity`. */
  newKey: Address;
};
export type SignApproveRecoveryReturnType = SignedApproveRecovery;

/**
 * A guardian's current key signs an `ApproveRecovery` message over the guardian's own nonce, for a
 * sponsor to relay with `relayApproveRecovery`; the guardian needs no ether.
 *
 * @example
 * const approval = await signApproveRecovery(bobClient, { holderRegistry, identity: alice, newKey })
 * await relayApproveRecovery(sponsorClient, { holderRegistry, ...approval })
 */
export async function signApproveRecovery(client: RegistryClient, parameters: SignApproveRecoveryParameters): Promise<SignApproveRecoveryReturnType> {
  const { identity, newKey } = parameters;
  checkRecoveryInput({ guardian: parameters.guardian, identity, newKey, deadline: parameters.deadline });
  const guardian = parameters.guardian ?? signerOf(client, parameters.account);
  const { nonce, deadline, signature } = await signHolderRegistryMessage(client, 'ApproveRecovery', {
    ...parameters,
    nonceOf: guardian,
    message: (nonce, deadline) => ({ guardian, identity, newKey, nonce, deadline }),
  });
  return { guardian, identity, newKey, nonce, deadline, signature };
}
