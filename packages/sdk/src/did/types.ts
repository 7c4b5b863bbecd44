import type { DIDDocument } from 'did-resolver';
import type { EntityKindName, EntityStatusName } from '../types.js';

/** What the registry says about a DID's entity, beyond its key. */
export type IdentreeDidProperties = {
  kind: EntityKindName;
  status: EntityStatusName;
  /** DID of the entity that registered this one (the root government is its own registrar). */
  registrar: string;
  /** The registry contract as a CAIP-10 account id, `eip155:<chainId>:<registry>`. */
  registry: string;
  /** The soulbound ERC-721 minted at registration. */
  identityToken: {
    /** Decimal, because a uint256 does not fit a JSON number. */
    tokenId: string;
    /** CAIP-19 asset id, `eip155:<chainId>/erc721:<registry>/<tokenId>`. */
    assetId: string;
  };
  /**
   * Present when a registrar above this authority reported its key compromised: what it anchored from `since` to
   * `reportedAt` (ISO 8601) is void, whatever its standing now; what it anchored before keeps its standing.
   */
  compromise?: { since: string; reportedAt: string };
};

/** A DID document as `did:identree` resolves it: DID Core properties plus the registry's record. */
export type IdentreeDidDocument = DIDDocument & { identree: IdentreeDidProperties };
