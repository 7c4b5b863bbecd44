import type { Address, Hash, Hex } from 'viem';
import type { CertificationLevelName } from '../types.js';

export type Disclosure = { name: string; value: string; salt: Hex };

/** One credential's share of a presentation: its anchor, the disclosed leaves, and a multiproof. */
export type PresentedCredential = {
  chainId: number;
  registry: Address;
  issuer: Address;
  commitment: Hash;
  uid: Hash;
  /** The credential type name the holder claims; checked against the chain. */
  type: string;
  disclosures: Disclosure[];
  proof: Hash[];
  proofFlags: boolean[];
};

/** A holder-signed presentation, bound to one verifier (audience), one nonce and a lifetime. */
export type Presentation = {
  type: 'IdentreePresentation2026';
  holder: Address;
  audience: string;
  nonce: Hex;
  /** Unix seconds. */
  issuedAt: number;
  expiresAt: number;
  credentials: PresentedCredential[];
  /** EIP-712 signature by the holder over `presentationTypedData`. */
  signature: Hex;
};

export type VerdictReasonCode =
  | 'malformed'
  | 'audience_mismatch'
  | 'nonce_mismatch'
  | 'expired'
  | 'not_yet_valid'
  | 'lifetime_too_long'
  | 'signature_invalid'
  | 'uid_mismatch'
  | 'proof_malformed'
  | 'proof_invalid'
  | 'registry_untrusted'
  | 'credential_not_anchored'
  | 'type_mismatch'
  | 'signer_not_subject'
  | 'key_not_current'
  | 'credential_revoked'
  | 'credential_expired'
  | 'credential_not_yet_valid'
  | 'level_too_low'
  | 'credential_not_linked'
  | 'attribute_missing'
  | 'attribute_value_mismatch'
  | 'holder_suspended'
  | 'holder_revoked'
  | 'issuer_suspended'
  | 'issuer_revoked'
  /** Anchored while the issuer's key was compromised, by its registrar's report: void whatever the issuer's standing now. */
  | 'issuer_compromised'
  | 'nonce_replayed';

export type VerdictReason = { code: VerdictReasonCode; message: string; credential?: Hash };

export type VerifiedCredential = {
  uid: Hash;
  issuer: Address;
  type: string;
  level: CertificationLevelName;
  linked: boolean;
  /** Disclosed attributes by name; derived claims (`ageOver18`, …) as booleans. */
  disclosed: Record<string, string | boolean>;
};

/** The verifier's answer. `valid` is true only when `reasons` is empty; nothing partial is returned. */
export type Verdict =
  /** `nonce`: the challenge the presentation answered, for a verifier to match against the one it issued. */
  | { valid: true; holder: Address; audience: string; nonce: Hash; credentials: VerifiedCredential[]; reasons: [] }
  | { valid: false; holder?: Address; reasons: VerdictReason[] };

/** What a verifier may require beyond validity. */
export type VerifierPolicy = {
  minLevel?: CertificationLevelName;
  /** Require every presented credential to be linked in the holder's identity tree. */
  requireLinked?: boolean;
  /** Require these attribute names to be disclosed (across all credentials). */
  requiredAttributes?: string[];
  /**
   * Require these attributes disclosed with exactly these values, e.g. `{ ageOver18: true }`: a
   * disclosed `false` does not satisfy a predicate. A derived claim is a boolean; the string
   * `"true"` is also accepted for it, as the leaf spells it.
   */
  requiredValues?: Record<string, string | boolean>;
};
