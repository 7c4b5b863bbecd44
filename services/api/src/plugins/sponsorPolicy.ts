import fp from 'fastify-plugin';
import { formatEther, getAddress, type Address, type Hash, type Hex } from 'viem';
import type { Storage } from '@identree/store';
import { decodeRegistryCall, identityOf } from '@identree/sdk';
import { ServiceError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Who the sponsor pays for: refuses a relayed write once its requester has used up its quota. */
    sponsorPolicy: {
      check(identity: Address): Promise<void>;
      /** Refuses (403 not_sponsored) a relayed write about a non-entity, or about a credential its holder does not hold. */
      admit(functionName: string, args: readonly unknown[]): Promise<void>;
    };
  }
}

export type SponsorPolicyOptions = {
  storage: Storage;
  /** Wei the sponsor pays per entity per window; null: no limit. */
  quotaWei: bigint | null;
  /** @default one day */
  windowMs?: number;
};

/** The kinds whose registry calls the sponsor relays: every kind that registers, accredits or issues. */
const AUTHORITY_KINDS = new Set(['Government', 'Admin', 'Issuer', 'Organization']);

/** Where the credential's uid sits in the arguments of the relayed writes that name one. */
const CREDENTIAL_ARGUMENT: Record<string, number> = { grantAccessBySig: 2, revokeAccessBySig: 2, linkCredentialBySig: 1, unlinkCredentialBySig: 1 };

/**
 * The sponsor's policy: each entity (the identity the signed-in key acts for) may have the sponsor spend up to
 * `SPONSOR_QUOTA_WEI` of the sponsor's ether in a rolling day, summed from the `SponsoredGasSpent`
 * entries the chain worker writes to its audit log. Checked before the write is simulated or stored,
 * so a refused write costs nothing. `admit` (issue 23 §4) refuses what simulation alone lets
 * through because the contract allows it: writes about an account that is no entity (a visitor's
 * cancel of a recovery it never had) and grants on credentials that do not exist or are another's.
 */
export const sponsorPolicyPlugin = fp<SponsorPolicyOptions>(
  async (app, { storage, quotaWei, windowMs = 24 * 60 * 60 * 1000 }) => {
    /** The holder the credential is anchored to now: the read model first, the chain for one not indexed yet. */
    const holderOf = async (uid: Hash): Promise<Address | null> => {
      const indexed = await storage.credentials.get(uid);
      if (indexed) return getAddress(indexed.subject);
      // A node that does not answer is the client's 503 (dependencyFailure), never a refusal.
      const onChain = await app.chain.reader.getCredential({ uid });
      return onChain ? getAddress(onChain.subject) : null;
    };
    /** An authority's relayed call is paid for only while its signer acts for an active authority. */
    const admitAuthority = async (signer: Address) => {
      const identity = await identityOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, key: signer });
      const entity = identity ? await app.chain.reader.getEntity({ entity: identity }) : null;
      if (!entity || entity.status !== 'Active' || !AUTHORITY_KINDS.has(entity.kind)) {
        throw new ServiceError('not_sponsored', `${signer} does not act for an active government, admin, issuer or organization: the sponsor relays authority calls only for them`);
      }
    };
    /**
     * A verifier's relayed access log is paid for while the signer acts for an active entity (any kind: a bank, an
     * employer, a person checking a seller) that the holder, a registered entity, granted access to that credential,
     * live or since expired: the holder chose to deal with it, and a log after expiry is the one the holder most needs
     * to see. Anyone else still logs, at its own expense, so the sponsor cannot be made to fill strangers' timelines.
     */
    const admitVerifier = async (signer: Address, holder: Address, uid: Hash) => {
      const identity = await identityOf(app.chain.reader as never, { holderRegistry: app.chain.holderRegistry, key: signer });
      const verifier = identity ? await app.chain.reader.getEntity({ entity: identity }) : null;
      if (!identity || !verifier || verifier.status !== 'Active') {
        throw new ServiceError('not_sponsored', `${signer} does not act for an active registered entity: the sponsor pays for access logs only of entities`);
      }
      if (!(await app.chain.reader.getEntity({ entity: holder }))) {
        throw new ServiceError('not_sponsored', `${holder} is not a registered entity: the sponsor pays only for logs on an entity's access log`);
      }
      // The holder grants to an address: the verifier's identity, or the key it logs with.
      const granted = await storage.grants.get(holder, getAddress(identity), uid) ?? await storage.grants.get(holder, signer, uid);
      if (!granted) {
        throw new ServiceError('not_sponsored', `${holder} never granted ${identity} access to credential ${uid}: the sponsor pays for access logs only under a grant; log it with your own transaction`);
      }
    };
    /** The relayed AuthorityCall's own write decides who may have it paid for. */
    const admitAuthorityCall = async (signer: Address, data: Hex) => {
      const call = decodeRegistryCall(data);
      if (call.contract === 'holderRegistry' && call.functionName === 'logAccess') {
        const [holder, uid] = call.args;
        return admitVerifier(signer, getAddress(holder), uid);
      }
      return admitAuthority(signer);
    };
    app.decorate('sponsorPolicy', {
      async admit(functionName: string, args: readonly unknown[]) {
        if (functionName === 'relayAuthorityCall') return admitAuthorityCall(getAddress(String(args[0])), args[1] as Hex);
        // The identity the message acts for: the guardian's approval is about the identity it recovers.
        const subject = getAddress(String(functionName === 'approveRecoveryBySig' ? args[1] : args[0]));
        const entity = await app.chain.reader.getEntity({ entity: subject });
        if (!entity) {
          throw new ServiceError('not_sponsored', `${subject} is not a registered entity: the sponsor pays only for writes about entities`);
        }
        // The registry answers no to any grant of a revoked holder; relaying one would only spend gas.
        if (functionName === 'grantAccessBySig' && entity.status === 'Revoked') {
          throw new ServiceError('holder_revoked', `${subject} is revoked: a revoked holder cannot grant access`);
        }
        const uid = CREDENTIAL_ARGUMENT[functionName];
        if (uid === undefined) return;
        const credential = args[uid] as Hash;
        if ((await holderOf(credential)) === subject) return;
        // A grant stays revocable after its credential moved on to another holder.
        if (functionName === 'revokeAccessBySig' && (await storage.grants.get(subject, getAddress(String(args[1])), credential))) return;
        throw new ServiceError('not_sponsored', `${subject} does not hold credential ${credential}: the sponsor pays only for writes about one's own credentials`);
      },
      async check(identity: Address) {
        if (quotaWei === null) return;
        const spent = await storage.audit.sponsoredWeiSince(identity, new Date(Date.now() - windowMs));
        if (spent >= quotaWei) {
          throw new ServiceError(
            'sponsor_quota_exceeded',
            `the sponsor has paid ${formatEther(spent)} ether for ${identity} in the last ${Math.round(windowMs / 3_600_000)} h, its quota is ${formatEther(quotaWei)}; try again later`,
          );
        }
      },
    });
  },
  { name: 'sponsor-policy' },
);
