import { BaseError as ViemBaseError, ContractFunctionRevertedError } from 'viem';
import { IdentreeError } from './base.js';
import { RegistryRevertError, registryErrorClass } from './registry.js';

/**
 * Turns whatever viem threw for a registry call into the SDK's typed error, so callers see
 * `EntityAlreadyRegisteredError`, not "execution reverted".
 *
 * @example
 * catch (e) { throw decodeRegistryError(e) }
 */
export function decodeRegistryError(error: unknown): Error {
  if (error instanceof IdentreeError) return error;
  if (error instanceof ViemBaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null;
    const name = revert?.data?.errorName;
    if (revert && name) {
      const Class = registryErrorClass(name);
      const args = (revert.data?.args ?? []) as readonly unknown[];
      if (Class) return new Class(args, { cause: error });
      return new RegistryRevertError(name as never, args as never, `The registry reverted with ${name}.`, { cause: error });
    }
    return new IdentreeError(error.shortMessage, { cause: error, details: error.details });
  }
  return error instanceof Error ? error : new IdentreeError(String(error));
}
