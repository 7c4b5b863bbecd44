import type { TransactionResult } from '../types.js';
import { setEntityStatus, type EntityStatusParameters } from '../utils/setEntityStatus.js';
import type { RegistryClient } from '../utils/writeRegistry.js';

export type RevokeEntityParameters = EntityStatusParameters;
export type RevokeEntityReturnType = TransactionResult;

/**
 * Revokes an entity for good. The signer must be root or in the entity's registration chain.
 *
 * @example
 * await revokeEntity(gov, { registry, entity: university })
 */
export function revokeEntity(client: RegistryClient, parameters: RevokeEntityParameters): Promise<RevokeEntityReturnType> {
  return setEntityStatus(client, 'revokeEntity', parameters);
}
