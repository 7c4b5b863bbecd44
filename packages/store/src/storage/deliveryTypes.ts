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

export type CredentialOfferRecord = { issuer: Address; holder: Address; uid: Hash; expiresAt: Date };

export type CredentialOffersRepository = {
  create(offer: CredentialOfferRecord & { codeHash: Hex; credential: string }): Promise<void>;
  /**
   * Redeems a pre-authorized code once, before it expires, binding an access token (by hash) to the
   * offer; null when the code is unknown, used or expired. Atomic: two redemptions, one winner. The stored
   * credential comes back too, so the caller can check it opens with what the wallet sent (the offer's tx_code).
   */
  redeem(codeHash: Hex, token: { tokenHash: Hex; tokenExpiresAt: Date; now: Date }): Promise<(CredentialOfferRecord & { credential: string | null }) | null>;
  /** Hands out the offer's credential once, to a live access token (by hash); null otherwise. Atomic. */
  takeCredential(tokenHash: Hex, now: Date): Promise<string | null>;
};

export type DeliveryRepositories = {
  holderPublicKeys: HolderPublicKeysRepository;
  deliveries: CredentialDeliveriesRepository;
  credentialOffers: CredentialOffersRepository;
};
