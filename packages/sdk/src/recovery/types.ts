import type { Address, Hex } from 'viem';

/** How control of an identity moved; mirrors `IKeyBindings.KeyChange`. */
export const KeyChange = { Rotation: 0, GuardianRecovery: 1, RegistrarRebind: 2 } as const;
export type KeyChangeName = keyof typeof KeyChange;

/** An identity's guardian set; mirrors `IGuardianRecovery.GuardianSet` (without the bit allocation). */
export type GuardianSet = { count: number; threshold: number; nonce: number };

/** One recovery's progress; mirrors `IGuardianRecovery.Recovery`. */
export type RecoveryState = {
  /** Distinct guardians that approved. */
  approvals: number;
  /** Unix seconds from which it may be finalized; 0 while fewer than the threshold approved. */
  readyAt: number;
};

/** The new key's proof of possession, for `rotateKey`: its EIP-712 `AcceptKey` signature. */
export type SignedAcceptKey = { identity: Address; newKey: Address; nonce: bigint; deadline: bigint; signature: Hex };

/** A guardian change signed by the identity's current key: all a sponsor needs to relay it. */
export type SignedGuardianChange = {
  identity: Address;
  guardian: Address;
  /** The threshold M after the change. */
  threshold: number;
  /** The identity's nonce the message was signed at; the contract accepts it only while current. */
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
};
export type SignedAddGuardian = SignedGuardianChange;
export type SignedRemoveGuardian = SignedGuardianChange;

/** A guardian's approval, signed by the guardian's current key over the guardian's own nonce. */
export type SignedApproveRecovery = { guardian: Address; identity: Address; newKey: Address; nonce: bigint; deadline: bigint; signature: Hex };

/** A cancel of every pending recovery, signed by the identity's current key. */
export type SignedCancelRecovery = { identity: Address; nonce: bigint; deadline: bigint; signature: Hex };

/**
 * A rotation for a sponsor to relay: the current key's `RotateKey` signature and the new key's
 * `AcceptKey` signature, both over the identity's same nonce and deadline.
 */
export type SignedRotateKey = { identity: Address; newKey: Address; nonce: bigint; deadline: bigint; keySignature: Hex; newKeySignature: Hex };
