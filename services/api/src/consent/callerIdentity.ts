import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getAddress, type Address } from 'viem';
import { identityOf } from '@identree/sdk';
import { forbidden } from '../errors.js';

/**
 * The identity the signed-in key acts for. Grants, logs and shares are keyed by identity, so a
 * holder who rotated their key signs in with the new key and still sees their own data; a retired
 * key acts for no one. Read from the chain, not the indexer, so a key retired a block ago is refused.
 */
export async function callerIdentity(app: FastifyInstance, request: FastifyRequest): Promise<Address> {
  const key = request.user!.address;
  const identity = await identityOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, key });
  if (!identity) throw forbidden('this key was retired: sign in with the key that controls the identity now');
  return getAddress(identity);
}
