import type { Address, Hash, Hex } from 'viem';
import type { Json } from './types.js';

/** A credential sealed to its holder (the envelope and ciphertext are opaque to the service). */
export type CredentialDeliveryRecord = { id: number; holder: Address; issuer: Address; uid: Hash; envelope: Json; ciphertext: string; createdAt: Date };

export type HolderPublicKeysRepository = {
  /** Records the key's public key (idempotent; a key has one public key). */
  put(address: Address, publicKey: Hex): Promise<void>;
  get(address: Address): Promise<Hex | null>;
};

export type CredentialDeliveriesRepository = {
  /** Stores a sealed credential; the same holder and uid again replaces it (a re-issue, a re-delivery). */
  put(delivery: Omit<CredentialDeliveryRecord, 'id' | 'createdAt'>): Promise<CredentialDeliveryRecord>;
  /** The holder's deliveries, newest first. */
  listByHolder(holder: Address): Promise<CredentialDeliveryRecord[]>;
  get(id: number): Promise<CredentialDeliveryRecord | null>;
};

export type CredentialOffersRepository = {
  create(offer: { codeHash: Hex; deliveryId: number; expiresAt: Date }): Promise<void>;
  /**
   * Redeems a pre-authorized code once, before it expires, binding an access token (by hash) to its
   * delivery; null when the code is unknown, used or expired. Atomic: two redemptions, one winner.
   */
  redeem(codeHash: Hex, token: { tokenHash: Hex; tokenExpiresAt: Date; now: Date }): Promise<number | null>;
  /** The delivery an access token (by hash) may fetch, while it lives. */
  deliveryForToken(tokenHash: Hex, now: Date): Promise<number | null>;
};

export type DeliveryRepositories = {
  holderPublicKeys: HolderPublicKeysRepository;
  deliveries: CredentialDeliveriesRepository;
  credentialOffers: CredentialOffersRepository;
};
