import type { Address, Hash, Hex } from 'viem';

/** A grant as the holder registry keeps it; mirrors `IConsentRegistry.Grant`. */
export type Grant = {
  /** Unix seconds; access is live strictly before it. Zero when there never was a grant. */
  expiresAt: number;
  /**
   * Unix seconds the grant was made. `checkAccess` answers no unless it is after the holder received
   * the credential (the registry's `heldSince`), so a grant never outlives a holding.
   */
  grantedAt: number;
  /** bytes26: `WHOLE_CREDENTIAL` (zero), or `attributesDigest(names)` (21 bytes of hash, five zero bytes). */
  attributes: Hex;
};

/** A grant or revocation signed by the holder's current key: all a sponsor needs to submit it. */
export type SignedGrantAccess = {
  holder: Address;
  verifier: Address;
  uid: Hash;
  duration: number;
  attributes: Hex;
  /** The holder's nonce the message was signed at; the contract accepts it only while current. */
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
};
export type SignedRevokeAccess = Omit<SignedGrantAccess, 'duration' | 'attributes'>;

/** One row of a holder's access timeline. */
export type AccessLogEntry = {
  verifier: Address;
  uid: Hash;
  /** The attributes digest the verifier named (zero: the whole credential). */
  attributes: Hex;
  success: boolean;
  blockNumber: bigint;
  /** Unix seconds of the block. */
  blockTime: number;
  transactionHash: Hash;
  logIndex: number;
};
