import type { Address, Hex } from 'viem';
import type { FaceAuditLog, TemplateBlobStore, TemplateRecordStore } from '@identree/biometrics';
import type { SignedFaceTemplateMessage } from '@identree/sdk';

/** What the service asks of the chain: the face template registry, and who an identity's key is. */
export type FaceChain = {
  /** Submits the holder's signed message (the service pays); rejects with the SDK's typed revert. */
  relay(signed: SignedFaceTemplateMessage): Promise<{ hash: Hex }>;
  isCurrent(identity: Address, cid: string, templateVersion: number): Promise<boolean>;
  status(identity: Address): Promise<{ templateVersion: number; status: 'none' | 'enrolled' | 'erased' }>;
  /** The identity a key acts for (itself when never bound), or null for a retired key. */
  identityOf(key: Address): Promise<Address | null>;
  /** The identity's current key (the identity itself when never bound), or null when `identity` is only a key. */
  keyOf(identity: Address): Promise<Address | null>;
  /** Whether `guardian` (an identity) is in `identity`'s guardian set now. */
  isGuardian(identity: Address, guardian: Address): Promise<boolean>;
  /** When the holder's consent grant of its face template to `verifier` expires (unix s), or null. */
  grantExpiry(identity: Address, verifier: Address): Promise<number | null>;
  /** Whether `identity` is an Active entity: a suspended or revoked holder's grant opens nothing. */
  isActive(identity: Address): Promise<boolean>;
  /** The chain's time (unix s): grants expire by it. */
  now(): Promise<number>;
  /** Logs a kiosk's use of the template in the holder registry's access log (AccessLogged), sent by the verifier. */
  logAccess(identity: Address, success: boolean): Promise<{ hash: Hex }>;
  /** The EIP-712 message the holder signs for a face template action (domain from the contract, current nonce). */
  typedData(action: 'enroll' | 'reenroll' | 'erase', identity: Address, templateVersion: number, cid?: string): Promise<FaceTypedData>;
};

/** An EIP-712 message to sign; uint fields as decimal strings (JSON has no 256-bit integers). */
export type FaceTypedData = { domain: Record<string, unknown>; types: Record<string, readonly { name: string; type: string }[]>; primaryType: string; message: Record<string, unknown> };

/** Everything the service's functions run on. */
export type FaceServicePorts = {
  chain: FaceChain;
  blobs: TemplateBlobStore;
  records: TemplateRecordStore;
  audit: FaceAuditLog;
};
