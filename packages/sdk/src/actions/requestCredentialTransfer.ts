import type { Address, Hash } from 'viem';
import type { TransactionResult } from '../types.js';
import { writeRegistry, type RegistryClient, type RegistryWriteParameters } from '../utils/writeRegistry.js';

export type RequestCredentialTransferParameters = RegistryWriteParameters & { uid: Hash; to: Address };
export type RequestCredentialTransferReturnType = TransactionResult;

/**
 * The holder of an asset credential (a car title) asks to hand it to `to`; the issuer must approve.
 *
 * @example
 * await requestCredentialTransfer(seller, { registry, uid: carTitle, to: buyer })
 */
export async function requestCredentialTransfer(
  client: RegistryClient,
  { uid, to, ...rest }: RequestCredentialTransferParameters,
): Promise<RequestCredentialTransferReturnType> {
  const { hash, blockNumber, gasUsed } = await writeRegistry(client, { ...rest, functionName: 'requestCredentialTransfer', args: [uid, to] });
  return { hash, blockNumber, gasUsed };
}
