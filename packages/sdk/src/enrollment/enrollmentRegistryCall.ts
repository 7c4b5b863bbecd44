import type { Account, Address, TransactionReceipt } from 'viem';
import { enrollmentRegistryAbi } from '@identree/abi';
import { decodeEnrollmentRegistryError } from '../errors/enrollmentRegistry.js';
import { readContractCall, writeContractCall, type ContractTarget, type RegistryClient } from '../utils/writeRegistry.js';
import type { TransactionResult } from '../types.js';

/** Where the enrollment registry is. */
export type EnrollmentRegistryParameters = { enrollmentRegistry: Address };
export type EnrollmentRegistryWriteParameters = EnrollmentRegistryParameters & { account?: Account | Address };

const enrollmentTarget = (address: Address): ContractTarget => ({
  address,
  abi: enrollmentRegistryAbi,
  decodeError: decodeEnrollmentRegistryError,
});

/** Simulates, sends and waits for one enrollment-registry call (see `writeContractCall`). */
export async function writeEnrollmentRegistry<R = unknown>(
  client: RegistryClient,
  { enrollmentRegistry, ...parameters }: EnrollmentRegistryWriteParameters & { functionName: string; args: readonly unknown[] },
): Promise<TransactionResult & { result: R; receipt: TransactionReceipt }> {
  return writeContractCall<R>(client, enrollmentTarget(enrollmentRegistry), parameters);
}

/** Reads one enrollment-registry view, reverts decoded the same way. */
export async function readEnrollmentRegistry<R>(
  client: RegistryClient,
  { enrollmentRegistry, ...parameters }: EnrollmentRegistryParameters & { functionName: string; args?: readonly unknown[] },
): Promise<R> {
  return readContractCall<R>(client, enrollmentTarget(enrollmentRegistry), parameters);
}
