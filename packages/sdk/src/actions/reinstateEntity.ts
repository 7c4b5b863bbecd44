import type { TransactionResult } from '../types.js';
import { setEntityStatus, type EntityStatusParameters } from '../utils/setEntityStatus.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

export type ReinstateEntityParameters = EntityStatusParameters;
export type ReinstateEntityReturnType = TransactionResult;

/**
 * Reinstates a suspended entity. The signer must be root or in the entity's registration chain.
 *
 * @example
 * await reinstateEntity(gov, { registry, entity: university })
 */
export function reinstateEntity(client: RegistryClient, parameters: ReinstateEntityParameters): Promise<ReinstateEntityReturnType> {
  return setEntityStatus(client, 'reinstateEntity', parameters);
}
