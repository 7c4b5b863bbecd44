import type { Address, Hash } from 'viem';
import { DEFAULT_HOLDER_MESSAGE_LIFETIME } from '../utils/holderMessages.js';
import { enrollmentDomain } from './confirmationTypedData.js';

/** The EIP-712 type an enrollee signs; mirrors `_ENROLL_TYPEHASH` in EnrollmentRegistry.sol. */
export const ENROLL_TYPES = {
  Enroll: [
    { name: 'enrollee', type: 'address' },
    { name: 'imageHash', type: 'bytes32' },
    { name: 'fieldsRoot', type: 'bytes32' },
    { name: 'fieldCount', type: 'uint8' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

export type EnrollMessage = { enrollee: Address; imageHash: Hash; fieldsRoot: Hash; fieldCount: number; deadline: bigint };

export type PrepareEnrollTypedDataParameters = Omit<EnrollMessage, 'deadline'> & {
  chainId: number;
  enrollmentRegistry: Address;
  /** Unix seconds, the last the registry accepts the message. @default an hour from now */
  deadline?: bigint;
};

/**
 * The enrollee's `Enroll` message as EIP-712 typed data, for a wallet that cannot read the chain (the
 * message has no nonce: a recorded enrollment is refused, so it works once). Pure.
 *
 * @example
 * const typed = prepareEnrollTypedData({ chainId, enrollmentRegistry, enrollee, imageHash, fieldsRoot, fieldCount: 10 })
 * const signature = await wallet.signTypedData(typed)
 */
export function prepareEnrollTypedData({ chainId, enrollmentRegistry, deadline, ...message }: PrepareEnrollTypedDataParameters) {
  return {
    domain: enrollmentDomain(chainId, enrollmentRegistry),
    types: ENROLL_TYPES,
    primaryType: 'Enroll' as const,
    message: { ...message, deadline: deadline ?? BigInt(Math.floor(Date.now() / 1000) + DEFAULT_HOLDER_MESSAGE_LIFETIME) },
  };
}
