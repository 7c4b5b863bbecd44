import { encodeFunctionData } from 'viem';
import { holderRegistryAbi } from '@identree/abi';
import type { ReportCompromiseParameters } from './reportCompromise.js';
import type { PreparedCall } from '../prepare/types.js';

export type PrepareReportCompromiseParameters = Omit<ReportCompromiseParameters, 'account'>;
export type PrepareReportCompromiseReturnType = PreparedCall;

/**
 * The unsigned call of the holder registry's `reportCompromise`. Pure: nothing is read from or sent to the chain.
 *
 * @example
 * const call = prepareReportCompromise({ holderRegistry, entity: ministry, since: 1_764_597_600 })
 */
export function prepareReportCompromise({ holderRegistry, entity, since }: PrepareReportCompromiseParameters): PrepareReportCompromiseReturnType {
  if (!Number.isSafeInteger(since) || since <= 0) throw new RangeError(`since must be a positive whole number of unix seconds, got ${since}`);
  return { to: holderRegistry, data: encodeFunctionData({ abi: holderRegistryAbi, functionName: 'reportCompromise', args: [entity, since] }) };
}
