import type { Address, Hash, Hex } from 'viem';
import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import { WHOLE_CREDENTIAL } from './attributesDigest.js';
import { checkGrantInput } from './checkGrantInput.js';

export type GrantAccessParameters = HolderRegistryWriteParameters & {
  verifier: Address;
  uid: Hash;
  /** Seconds, 1 to the contract's `maxDuration`. */
  duration: number;
  /** Default `WHOLE_CREDENTIAL`; else `attributesDigest(names)`. */
  attributes?: Hex;
};
export type GrantAccessReturnType = TransactionResult;

/**
 * The caller's identity (its current key signs) grants `verifier` access to credential `uid` for
 * `duration` seconds. A zero or too long duration, or a grant to oneself, fails as
 * `ConsentInvalidDurationError` / `ConsentInvalidVerifierError` and changes nothing.
 *
 * @example
 * await grantAccess(holderClient, { holderRegistry, verifier: bank, uid: passport, duration: 3600, attributes: attributesDigest(['ageOver18']) })
 */
export async function grantAccess(client: RegistryClient, { holderRegistry, account, verifier, uid, duration, attributes = WHOLE_CREDENTIAL }: GrantAccessParameters): Promise<GrantAccessReturnType> {
  checkGrantInput({ verifier, uid, duration, attributes });
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, { holderRegistry, account, functionName: 'grantAccess', args: [verifier, uid, duration, attributes] });
  return { hash, blockNumber, gasUsed };
}
