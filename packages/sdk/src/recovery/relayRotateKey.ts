import type { TransactionResult } from '../types.js';
import type { RegistryClient } from '../utils/writeRegistry.js';
import { writeHolderRegistry, type HolderRegistryWriteParameters } from '../holders/holderRegistryCall.js';
import type { SignedRotateKey } from './types.js';

export type RelayRotateKeyParameters = HolderRegistryWriteParameters & Omit<SignedRotateKey, 'nonce'> & { nonce?: bigint };
export type RelayRotateKeyReturnType = TransactionResult;

/**
 * A sponsor submits a rotation signed by both keys (`signRotateKey`) and pays the gas. The old key is
 * retired for good, as with `rotateKey`. A current-key signature that is not the current key's, or a
 * replay, fails as `HolderSignatureInvalidError`; a bad proof of the new key as `KeySignatureInvalidError`.
 *
 * @example
 * await relayRotateKey(sponsorClient, { holderRegistry, ...signed })
 */
export async function relayRotateKey(
  client: RegistryClient,
  { holderRegistry, account, identity, newKey, deadline, keySignature, newKeySignature }: RelayRotateKeyParameters,
): Promise<RelayRotateKeyReturnType> {
  const { hash, blockNumber, gasUsed } = await writeHolderRegistry(client, {
    holderRegistry,
    account,
    functionName: 'rotateKeyBySig',
    args: [identity, newKey, deadline, keySignature, newKeySignature],
  });
  return { hash, blockNumber, gasUsed };
}
