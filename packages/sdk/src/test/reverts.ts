import { ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, type Abi, type AbiParameter } from 'viem';

/** What viem throws when a call to a contract with `abi` reverts with `errorName(args)`. */
export function revertOf(abi: Abi, errorName: string, args: readonly unknown[]): ContractFunctionExecutionError {
  const data = encodeErrorResult({ abi, errorName, args } as never);
  const revert = new ContractFunctionRevertedError({ abi, data, functionName: 'someFunction' });
  return new ContractFunctionExecutionError(revert, { abi, functionName: 'someFunction' });
}

/** A valid sample value for one error argument. */
export function sampleArgument(p: AbiParameter): unknown {
  if (p.type === 'address') return '0x00000000000000000000000000000000000000A1';
  if (p.type === 'bytes32') return `0x${'ab'.repeat(32)}`;
  if (/^bytes([1-9]|[12][0-9]|3[01])$/.test(p.type)) return `0x${'cd'.repeat(Number(p.type.slice(5)))}`;
  if (p.type === 'uint256') return 12345n;
  if (p.type.startsWith('uint')) return 1; // enums too: 1 is a valid EntityKind and EntityStatus
  if (p.type === 'string') return 'sample';
  throw new Error(`no sample for ${p.type}`);
}
