import type { TransactionResult } from '../types.js';
import { setEntityStatus, type EntityStatusParameters } from '../utils/setEntityStatus.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

export type SuspendEntityParameters = EntityStatusParameters;
export type SuspendEntityReturnType = TransactionResult;

/**
 * Suspends an active entity. The signer must be root or in the entity's registration chain.
 *
 * @example
 * await suspendEntity(gov, { registry, entity: university })
 */
export function suspendEntity(client: RegistryClient, parameters: SuspendEntityParameters): Promise<SuspendEntityReturnType> {
  return setEntityStatus(client, 'suspendEntity', parameters);
}
