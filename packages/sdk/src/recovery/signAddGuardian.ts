import type { RegistryClient } from '../utils/writeRegistry.js';
import { signGuardianChange, type SignGuardianChangeParameters } from './signGuardianChange.js';
import type { SignedAddGuardian } from './types.js';

export type SignAddGuardianParameters = SignGuardianChangeParameters;
export type SignAddGuardianReturnType = SignedAddGuardian;

/**
 * The identity's current key signs an `AddGuardian` message (EIP-712, domain "Identree Holders" v1)
 * for a sponsor to relay with `relayAddGuardian`; the holder needs no ether. Nothing is sent.
 *
 * @example
 * const signed = await signAddGuardian(aliceClient, { holderRegistry, guardian: bob, threshold: 1 })
 * await relayAddGuardian(sponsorClient, { holderRegistry, ...signed })
 */
export async function signAddGuardian(client: RegistryClient, parameters: SignAddGuardianParameters): Promise<SignAddGuardianReturnType> {
  return signGuardianChange(client, 'AddGuardian', parameters);
}
