import type { RegistryClient } from '../utils/writeRegistry.js';
import { signGuardianChange, type SignGuardianChangeParameters } from './signGuardianChange.js';
import type { SignedRemoveGuardian } from './types.js';

export type SignRemoveGuardianParameters = SignGuardianChangeParameters;
export type SignRemoveGuardianReturnType = SignedRemoveGuardian;

/**
 * The identity's current key signs a `RemoveGuardian` message for a sponsor to relay with
 * `relayRemoveGuardian`. The threshold is the one after the removal (0 only when none remain).
 *
 * @example
 * await relayRemoveGuardian(sponsorClient, { holderRegistry, ...(await signRemoveGuardian(aliceClient, { holderRegistry, guardian: bob, threshold: 1 })) })
 */
export async function signRemoveGuardian(client: RegistryClient, parameters: SignRemoveGuardianParameters): Promise<SignRemoveGuardianReturnType> {
  return signGuardianChange(client, 'RemoveGuardian', parameters);
}
