import type { Address, Hash, Hex } from 'viem';

/** Where a credential is anchored: enough for any verifier to find and check it on chain. */
export type ChainReference = {
  chainId: number;
  registry: Address;
  /** `keccak256(abi.encode(issuer, commitment))`. */
  uid: Hash;
  /** Root of the salted attribute tree. */
  commitment: Hash;
  transactionHash?: Hash;
};

/**
 * The proof section of an Identree credential: the anchor plus every salt. Only the holder keeps
 * this; a presentation reveals salts of the disclosed attributes only.
 */
export type IdentreeAnchorProof = ChainReference & {
  type: 'IdentreeMerkleAnchor2026';
  /** ABI types of a leaf, double-hashed as in OpenZeppelin's StandardMerkleTree. */
  leafEncoding: readonly ['string', 'string', 'bytes32'];
  /** Attribute name -> 32-byte salt. */
  salts: Record<string, Hex>;
};

/**
 * One W3C Bitstring Status List entry: bit `statusListIndex` of the list credential at
 * `statusListCredential` says whether the credential is revoked (or suspended, by purpose).
 */
export type BitstringStatusListEntry = {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension';
  /** A decimal integer as a string, as the W3C specification writes it. */
  statusListIndex: string;
  statusListCredential: string;
};

/**
 * A W3C Verifiable Credential 2.0 document as the holder receives it. Attribute values are the
 * committed strings, except derived claims (`ageOver18`, …), which are JSON booleans whose leaf
 * commits `"true"` or `"false"`; `proof` holds the anchor and the salts.
 */
export type IdentreeCredential = {
  '@context': readonly (string | Readonly<Record<string, string>>)[];
  id: string;
  type: readonly ['VerifiableCredential', string];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSchema: { id: string; type: 'JsonSchema' };
  credentialSubject: { id: string } & Record<string, string | boolean>;
  /**
   * Where a verifier that does not read the chain learns revocation and suspension: the status
   * lists the identity service publishes, mirrored from the chain. Absent on credentials issued
   * without a service.
   */
  credentialStatus?: readonly BitstringStatusListEntry[];
  proof: IdentreeAnchorProof;
};
