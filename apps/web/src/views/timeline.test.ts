import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AccessEntry, ServiceAccessEntry } from '../service/wallet.js';
import { describeServiceAccess, timeline } from './timeline.js';

const uid = `0x${'ab'.repeat(32)}` as const;
const chain = (id: number, blockTime: number | null): AccessEntry => ({ id, verifier: `0x${'11'.repeat(20)}`, uid, success: true, granted: true, blockTime, proof: { transactionHash: `0x${'00'.repeat(32)}` } });
const service = (id: number, at: string, e: Partial<ServiceAccessEntry> = {}): ServiceAccessEntry => ({
  id, recordedBy: 'service', channel: 'oidc_userinfo', accessor: 'oidc:bank', accessorName: 'Example Bank', uids: [uid], attributes: ['sub'], success: true, detail: null, releaseId: 'r', at, ...e,
});

describe('the access timeline', () => {
  it('interleaves on-chain and service-recorded entries newest first, keeping each one\'s source', () => {
    const items = timeline([chain(1, 1_700_000_100), chain(2, null)], [service(7, new Date(1_700_000_200_000).toISOString()), service(8, new Date(1_700_000_000_000).toISOString())]);
    assert.deepEqual(items.map((i) => `${i.source}-${i.entry.id}`), ['chain-2', 'service-7', 'chain-1', 'service-8']);
  });

  it('says when a site was refused after the holder withdrew its release', () => {
    assert.equal(describeServiceAccess(service(1, '2026-01-01T00:00:00Z', { success: false, detail: 'release_revoked' })), 'Example Bank tried to read what you released at sign-in after you withdrew it, and was refused.');
    assert.equal(
      describeServiceAccess(service(2, '2026-01-01T00:00:00Z', { channel: 'presentation_verify', accessor: 'audience:https://bank.example', accessorName: null, attributes: ['ageOver18'] })),
      'a verifier calling itself https://bank.example checked a presentation of credential 0xabab…abab (ageOver18): valid.',
    );
  });
});
