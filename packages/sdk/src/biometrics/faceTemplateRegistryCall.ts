import type { Account, Address, Hex, TransactionReceipt } from 'viem';
import { bytesToHex } from 'viem';
import { CID } from 'multiformats/cid';
import { faceTemplateRegistryAbi } from '@identree/abi';
import { InvalidParameterError } from '../errors/base.js';
import { decodeFaceTemplateRegistryError } from '../errors/faceTemplateRegistry.js';
import { readContractCall, writeContractCall, type ContractTarget, type RegistryClient } from '../utils/writeRegistry.js';
import type { TransactionResult } from '../types.js';

/** Where the face template registry is. */
export type FaceTemplateRegistryParameters = { faceTemplateRegistry: Address };
export type FaceTemplateRegistryWriteParameters = FaceTemplateRegistryParameters & { account?: Account | Address };

const target = (address: Address): ContractTarget => ({ address, abi: faceTemplateRegistryAbi, decodeError: decodeFaceTemplateRegistryError });

/** Simulates, sends and waits for one face-template-registry call (see `writeContractCall`). */
export async function writeFaceTemplateRegistry<R = unknown>(
  client: RegistryClient,
  { faceTemplateRegistry, ...parameters }: FaceTemplateRegistryWriteParameters & { functionName: string; args: readonly unknown[] },
): Promise<TransactionResult & { result: R; receipt: TransactionReceipt }> {
  return writeContractCall<R>(client, target(faceTemplateRegistry), parameters);
}

/** Reads one face-template-registry view, reverts decoded the same way. */
export async function readFaceTemplateRegistry<R>(
  client: RegistryClient,
  { faceTemplateRegistry, ...parameters }: FaceTemplateRegistryParameters & { functionName: string; args?: readonly unknown[] },
): Promise<R> {
  return readContractCall<R>(client, target(faceTemplateRegistry), parameters);
}

/**
 * The binary form of a template's CID, as the chain records it (a CIDv1 raw sha2-256 is 36 bytes).
 *
 * @example
 * faceTemplateCidBytes(envelope.cid) // '0x01551220…'
 */
export function faceTemplateCidBytes(cid: string): Hex {
  let parsed: CID;
  try {
    parsed = CID.parse(cid);
  } catch (error) {
    throw new InvalidParameterError('cid', `is not a CID (${(error as Error).message})`);
  }
  return bytesToHex(parsed.bytes);
}

/** Template versions are uint32 on chain and start at 1. */
export function checkTemplateVersion(version: number): number {
  if (!Number.isSafeInteger(version) || version < 1 || version > 0xffff_ffff) {
    throw new InvalidParameterError('templateVersion', `must be an integer from 1 to 4294967295, not ${version}`);
  }
  return version;
}
