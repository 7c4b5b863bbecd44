import type { Address, Hash, TypedDataDomain } from 'viem';

/** The EIP-712 type a verifier signs; mirrors `_CONFIRMATION_TYPEHASH` in EnrollmentRegistry.sol. */
export const FIELD_CONFIRMATION_TYPES = {
  FieldConfirmation: [
    { name: 'enrollment', type: 'bytes32' },
    { name: 'field', type: 'uint8' },
    { name: 'fieldHash', type: 'bytes32' },
    { name: 'textHash', type: 'bytes32' },
    { name: 'agrees', type: 'bool' },
    { name: 'verifier', type: 'address' },
  ],
} as const;

/** The registry's EIP-712 domain. */
export const enrollmentDomain = (chainId: number, enrollmentRegistry: Address): TypedDataDomain => ({
  name: 'Identree Enrollment',
  version: '1',
  chainId,
  verifyingContract: enrollmentRegistry,
});

export type FieldConfirmationMessage = {
  enrollment: Hash;
  field: number;
  fieldHash: Hash;
  /** The committed text hash when agreeing, the corrected one otherwise. */
  textHash: Hash;
  agrees: boolean;
  verifier: Address;
};
