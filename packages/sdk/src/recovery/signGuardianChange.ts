import type { Address } from 'viem';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { signHolderRegistryMessage, type SignHolderRegistryMessageParameters } from '../holders/holderTypedData.js';
import { signerOf } from '../consent/signGrantAccess.js';
import { checkRecoveryInput } from './checkRecoveryInput.js';
import type { SignedGuardianChange } from './types.js';

export type SignGuardianChangeParameters = SignHolderRegistryMessageParameters & {
  /** The identity whose guardians change; default the signing account (right until the identity rotates its key). */
  identity?: Address;
  guardian: Address;
  /** The threshold M after the change: 1 to N, or 0 when no guardian remains. */
  threshold: number;
};

/** `AddGuardian` and `RemoveGuardian` have the same fields; `signAddGuardian` / `signRemoveGuardian` pick one. */
export async function signGuardianChange(
  client: RegistryClient,
  primaryType: 'AddGuardian' | 'RemoveGuardian',
  parameters: SignGuardianChangeParameters,
): Promise<SignedGuardianChange> {
  const { guardian, threshold } = parameters;
  checkRecoveryInput({ identity: parameters.identity, guardian, threshold, deadline: parameters.deadline });
  const identity = parameters.identity ?? signerOf(client, parameters.account);
  const { nonce, deadline, signature } = await signHolderRegistryMessage(client, primaryType, {
    ...parameters,
    nonceOf: identity,
    message: (nonce, deadline) => ({ identity, guardian, threshold, nonce, deadline }),
  });
  return { identity, guardian, threshold, nonce, deadline, signature };
}
