import fp from 'fastify-plugin';
import { formatEther, type Address } from 'viem';
import type { Storage } from '@identree/store';
import { ServiceError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Who the sponsor pays for: refuses a relayed write once its requester has used up its quota. */
    sponsorPolicy: { check(identity: Address): Promise<void> };
  }
}

export type SponsorPolicyOptions = {
  storage: Storage;
  /** Wei the sponsor pays per entity per window; null: no limit. */
  quotaWei: bigint | null;
  /** @default one day */
  windowMs?: number;
};

/**
 * The sponsor's policy: each entity (the identity the signed-in key acts for) may have the sponsor spend up to
 * `SPONSOR_QUOTA_WEI` of the sponsor's ether in a rolling day, summed from the `SponsoredGasSpent`
 * entries the chain worker writes to its audit log. Checked before the write is simulated or stored,
 * so a refused write costs nothing.
 */
export const sponsorPolicyPlugin = fp<SponsorPolicyOptions>(
  async (app, { storage, quotaWei, windowMs = 24 * 60 * 60 * 1000 }) => {
    app.decorate('sponsorPolicy', {
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
