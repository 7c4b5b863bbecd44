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
