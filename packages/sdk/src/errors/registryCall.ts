import { IdentreeError } from './base.js';

export type RegistryContract = 'registry' | 'holderRegistry';

const contractName = (contract: RegistryContract | undefined) => {
  if (contract === 'registry') return 'the identity registry';
  if (contract === 'holderRegistry') return 'the holder registry';
  return 'the identity registry or the holder registry';
};

/**
 * Calldata or a function name that is no function of the identity registry or its holder registry:
 * an unknown selector, arguments that do not decode, or a name neither ABI has.
 *
 * @example
 * try { decodeRegistryCall(tx.data) } catch (e) {
 *   if (e instanceof UnknownRegistryCallError) reply(400, e.shortMessage)
 * }
 */
export class UnknownRegistryCallError extends IdentreeError {
  override name = 'UnknownRegistryCallError';
  /** The calldata's 4-byte selector (or the whole calldata when shorter), or the function name asked for. */
  readonly call: string;

  constructor(call: string, options: { contract?: RegistryContract; cause?: unknown } = {}) {
    const isCalldata = call.startsWith('0x');
    const shown = isCalldata ? call.slice(0, 10) : call;
    let what = `Calldata with selector ${shown}`;
    if (!isCalldata) what = `"${call}"`;
    else if (call.length < 10) what = `Calldata "${call}"`;
    super(`${what} is no function of ${contractName(options.contract)}.`, { cause: options.cause });
    this.call = shown;
  }
}
