import { encodeFunctionData, isAddress } from 'viem';
import { holderRegistryAbi } from '@identree/abi';
import { WHOLE_CREDENTIAL } from '../consent/attributesDigest.js';
import { InvalidParameterError } from '../errors/base.js';
import { checkGrantInput } from '../consent/checkGrantInput.js';
import type { LogAccessParameters } from '../consent/logAccess.js';
import type { PreparedCall } from './types.js';

export type PrepareLogAccessParameters = Omit<LogAccessParameters, 'account'>;
export type PrepareLogAccessReturnType = PreparedCall;

/**
 * The unsigned call of the holder registry's `logAccess`: the verifier that sends it records one
 * access on the holder's on-chain access log (which credential, which attributes, whether it
 * succeeded). The contract names the sender as the verifier, so only the verifier's own key can
 * log in its name. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareLogAccess({ holderRegistry, holder, uid, attributes: attributesDigest(['program']), success: true })
 * await bankWallet.sendTransaction(call)
 */
export function prepareLogAccess(
  { holderRegistry, holder, uid, attributes = WHOLE_CREDENTIAL, success }: PrepareLogAccessParameters,
): PrepareLogAccessReturnType {
  if (!isAddress(holder, { strict: false })) throw new InvalidParameterError('holder', 'is not an address');
  if (typeof success !== 'boolean') throw new InvalidParameterError('success', 'must be true or false');
  checkGrantInput({ uid, attributes });
  const data = encodeFunctionData({ abi: holderRegistryAbi, functionName: 'logAccess', args: [holder, uid, attributes, success] });
  return { to: holderRegistry, data };
}
