import type { TransactionResult } from '../types.js';
import type { RelayHolderMessageParameters } from '../utils/holderMessages.js';
import { writeRegistry, type RegistryClient } from '../utils/writeRegistry.js';

export type RelayUnlinkCredentialParameters = RelayHolderMessageParameters;
export type RelayUnlinkCredentialReturnType = TransactionResult;

/**
 * The sponsor submits a holder's signed `UnlinkCredential` message and pays the gas. A used or
 * expired message is rejected before anything is sent, as `HolderSignatureInvalidError` or
 * `HolderSignatureExpiredError`.
 *
 * @example
 * const signed = await signUnlinkCredential(holderClient, { registry, uid })
 * await relayUnlinkCredential(sponsorClient, { registry, ...signed })
 */
export async function relayUnlinkCredential(
  client: RegistryClient,
  { registry, account, holder, uid, deadline, signature }: RelayUnlinkCredentialParameters,
): Promise<RelayUnlinkCredentialReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, {
    registry,
    account,
    functionName: 'unlinkCredentialBySig',
    args: [holder, uid, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
