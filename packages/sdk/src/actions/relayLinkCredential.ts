import type { TransactionResult } from '../types.js';
import type { RelayHolderMessageParameters } from '../utils/holderMessages.js';
import { writeRegistry, type RegistryClient } from '../utils/writeRegistry.js';

export type RelayLinkCredentialParameters = RelayHolderMessageParameters;
export type RelayLinkCredentialReturnType = TransactionResult;

/**
 * The sponsor submits a holder's signed `LinkCredential` message and pays the gas; the credential is
 * linked into the holder's tree, not the sponsor's. A used or expired message is rejected before
 * anything is sent, as `HolderSignatureInvalidError` or `HolderSignatureExpiredError`.
 *
 * @example
 * const signed = await signLinkCredential(holderClient, { registry, uid })
 * await relayLinkCredential(sponsorClient, { registry, ...signed })
 */
export async function relayLinkCredential(
  client: RegistryClient,
  { registry, account, holder, uid, deadline, signature }: RelayLinkCredentialParameters,
): Promise<RelayLinkCredentialReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, {
    registry,
    account,
    functionName: 'linkCredentialBySig',
    args: [holder, uid, deadline, signature],
  });
  return { hash, blockNumber, gasUsed };
}
