import type { Address, Hash, Hex } from 'viem';

/** One verifier's signed answer for one field; mirrors `FieldConfirmation` in IEnrollmentRegistry.sol. */
export type FieldConfirmation = {
  field: number;
  slot: number;
  agrees: boolean;
  /** Zero when the verifier agrees; the corrected text's hash otherwise. */
  textHash: Hash;
  /** EIP-2098 compact signature. */
  r: Hex;
  vs: Hex;
};

/** What identifies an enrollment; its id is `keccak256(abi.encode(enrollee, imageHash, fieldsRoot))`. */
export type EnrollmentCommitment = { enrollee: Address; imageHash: Hash; fieldsRoot: Hash };

/** A field's committed hashes and their proof against `fieldsRoot`. */
export type FieldOpening = { fieldHash: Hash; textHash: Hash; proof: Hash[] };

export const FieldOutcome = { Pending: 0, Confirmed: 1, Rejected: 2 } as const;
export type FieldOutcomeName = keyof typeof FieldOutcome;
export const EnrollmentStatus = { None: 0, Open: 1, Attested: 2, Disputed: 3 } as const;
export type EnrollmentStatusName = keyof typeof EnrollmentStatus;
export const ConfirmationFault = { None: 0, SignatureNotByAssignedVerifier: 1, VerifierNotActive: 2 } as const;
export type ConfirmationFaultName = keyof typeof ConfirmationFault;

/** The tunables an enrollment snapshots; mirrors `EnrollmentConfig`. */
export type EnrollmentConfig = { quorum: number; perField: number; maxFieldsPerVerifier: number; maxRounds: number };
