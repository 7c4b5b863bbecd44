import { encodeFunctionData } from 'viem';
import { identityRegistryAbi } from '@identree/abi';
import type { RegisterEntityParameters } from '../actions/registerEntity.js';
import { InvalidParameterError } from '../errors/base.js';
import { EntityKind } from '../types.js';
import type { PreparedCall } from './types.js';

export type PrepareRegisterEntityParameters = Omit<RegisterEntityParameters, 'account'>;
export type PrepareRegisterEntityReturnType = PreparedCall;

/**
 * The unsigned call of `registerEntity`: registers `entity` as `kind` once the registrar signs and sends it.
 * Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareRegisterEntity({ registry, entity: alice, kind: 'Person' })
 * await registrarWallet.sendTransaction(call)
 */
export function prepareRegisterEntity(
  { registry, entity, kind }: PrepareRegisterEntityParameters,
): PrepareRegisterEntityReturnType {
  if (!Object.hasOwn(EntityKind, kind) || kind === 'None') {
    throw new InvalidParameterError('kind', `"${kind}" is not an entity kind`);
  }
  const data = encodeFunctionData({
    abi: identityRegistryAbi,
    functionName: 'registerEntity',
    args: [entity, EntityKind[kind]],
  });
  return { to: registry, data };
}
