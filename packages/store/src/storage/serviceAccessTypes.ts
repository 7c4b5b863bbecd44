import type { Address, Hash } from 'viem';
import type { Json } from './types.js';

/**
 * How a party obtained a holder's data through the service (not through the chain): an OpenID
 * Connect relying party redeeming a code or calling userinfo, a verifier reading a share, or a
 * presentation verdict.
 */
export type ServiceAccessChannel = 'oidc_token' | 'oidc_userinfo' | 'share_read' | 'presentation_verify';

/**
 * One access the service itself saw and recorded. It is not on chain: the parties behind these
 * channels (a relying party without a chain key, an anonymous verifier) cannot sign an on-chain
 * `logAccess`, and the service must not write one in their name (the contract records its caller
 * as the verifier).
 */
export type ServiceAccessEntry = {
  holder: Address;
  /** Who accessed: a verifier's address, `oidc:<client_id>`, or the audience a presentation named (`audience:<value>`, as the verifier chose it). */
  accessor: string;
  /** A human name for the accessor when the service knows one (a relying party's configured name). */
  accessorName: string | null;
  channel: ServiceAccessChannel;
  /** The credentials involved; empty when only identity claims were released. */
  uids: Hash[];
  /** Attribute or claim names, or a grant's bytes26 attribute digest for a share read. */
  attributes: string[];
  success: boolean;
  /** Why it failed (reason codes, an error code), or null. */
  detail: string | null;
  /** The OpenID Connect release the access was made under, if any. */
  releaseId: string | null;
};
export type ServiceAccessRecord = ServiceAccessEntry & { id: number; at: Date };

export type ServiceAccessLogRepository = {
  /** Appends one entry; returns its id. */
  append(entry: ServiceAccessEntry): Promise<number>;
  /** The holder's entries, newest first; page with `beforeId`. Never another holder's. */
  listByHolder(holder: Address, options?: { limit?: number; beforeId?: number }): Promise<ServiceAccessRecord[]>;
};

/** What a holder released to an OpenID Connect relying party at one login: an access grant kept by the service. */
export type OidcReleaseRecord = {
  id: string;
  holder: Address;
  clientId: string;
  clientName: string;
  /** The relying party's registered chain address, when it has one (its release is also granted on chain). */
  verifier: Address | null;
  /** The released claims, as the relying party receives them. */
  claims: Json;
  uids: Hash[];
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

export type OidcReleasesRepository = {
  create(release: Omit<OidcReleaseRecord, 'createdAt' | 'revokedAt'>): Promise<OidcReleaseRecord>;
  get(id: string): Promise<OidcReleaseRecord | null>;
  /** The holder's releases, newest first. */
  listByHolder(holder: Address, options?: { limit?: number }): Promise<OidcReleaseRecord[]>;
  /** Revokes the holder's own release; false when it is not the holder's, unknown, or already revoked. */
  revoke(holder: Address, id: string, at?: Date): Promise<boolean>;
};

export type ServiceAccessRepositories = { serviceAccessLog: ServiceAccessLogRepository; oidcReleases: OidcReleasesRepository };
