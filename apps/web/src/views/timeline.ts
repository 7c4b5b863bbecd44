import type { AccessEntry, ServiceAccessEntry } from '../service/wallet.js';
import { shortAddress } from '../words.js';

export type TimelineItem = { source: 'chain'; at: number | null; entry: AccessEntry } | { source: 'service'; at: number; entry: ServiceAccessEntry };

/** The on-chain log and the service's record in one timeline, newest first; an on-chain entry without a block time counts as recent. */
export function timeline(onChain: AccessEntry[], service: ServiceAccessEntry[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...onChain.map((entry) => ({ source: 'chain' as const, at: entry.blockTime, entry })),
    ...service.map((entry) => ({ source: 'service' as const, at: Math.floor(Date.parse(entry.at) / 1000), entry })),
  ];
  return items.sort((a, b) => (b.at ?? Number.MAX_SAFE_INTEGER) - (a.at ?? Number.MAX_SAFE_INTEGER));
}

const who = (e: ServiceAccessEntry) =>
  e.accessorName ?? (e.accessor.startsWith('audience:') ? `a verifier calling itself ${e.accessor.slice('audience:'.length)}` : e.accessor.startsWith('oidc:') ? `the site ${e.accessor.slice(5)}` : `verifier ${shortAddress(e.accessor)}`);
const what = (e: ServiceAccessEntry) => (e.uids.length === 0 ? 'your identity' : `credential${e.uids.length > 1 ? 's' : ''} ${e.uids.map(shortAddress).join(', ')}`);

/** One service-recorded access in plain words. */
export function describeServiceAccess(e: ServiceAccessEntry): string {
  const refused = e.detail === 'release_revoked' || e.detail === 'grant_revoked' ? ' after you withdrew it, and was refused' : ', and was refused';
  switch (e.channel) {
    case 'oidc_token':
      return e.success ? `${who(e)} received what you released at sign-in (${what(e)}).` : `${who(e)} tried to collect what you released at sign-in${refused}.`;
    case 'oidc_userinfo':
      return e.success ? `${who(e)} read what you released at sign-in (${what(e)}) again.` : `${who(e)} tried to read what you released at sign-in${refused}.`;
    case 'share_read':
      return e.success ? `${who(e)} read your shared copy of ${what(e)}.` : `${who(e)} tried to read your shared copy of ${what(e)} and was refused (${e.detail ?? 'refused'}).`;
    case 'presentation_verify':
      return e.success
        ? `${who(e)} checked a presentation of ${what(e)} (${e.attributes.join(', ') || 'no attributes'}): valid.`
        : `${who(e)} checked a presentation in your name of ${what(e)}: refused (${e.detail ?? 'invalid'}).`;
  }
}
