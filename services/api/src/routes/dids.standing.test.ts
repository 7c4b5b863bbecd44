import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestClient, http } from 'viem';
import { devAccount } from '@identree/devchain';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** `GET /dids/…?versionTime=` reads the standing of that moment from the indexer's audit log. */
describe('DID standing at a past moment', () => {
  let f: ServiceFixture;
  const organization = devAccount(6).address;
  const caughtUp = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
  const resolve = async (query = '') => {
    const res = await f.app.inject({ method: 'GET', url: `/dids/did:identree:${f.chain.chainId}:${organization}${query}` });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { didDocument: { verificationMethod?: unknown[] }; didDocumentMetadata: { created: string; deactivated?: boolean; suspended?: boolean } };
  };

  before(async () => {
    f = await serviceFixture();
    const test = createTestClient({ mode: 'anvil', transport: http(f.chain.rpcUrl) });
    const later = async () => {
      const { timestamp } = await f.chain.reader.getBlock({ blockTag: 'latest' });
      await test.setNextBlockTimestamp({ timestamp: timestamp + 100n });
    };
    await f.chain.sponsor.registerEntity({ entity: organization, kind: 'Organization' });
    await later();
    await f.chain.sponsor.suspendEntity({ entity: organization });
    await later();
    await f.chain.sponsor.revokeEntity({ entity: organization });
    await caughtUp();
  });
  after(() => f.stop());

  it('shows a revoked entity deactivated now, suspended after its suspension, and active with its key before', async () => {
    const now = await resolve();
    assert.equal(now.didDocumentMetadata.deactivated, true);
    assert.deepEqual(now.didDocument.verificationMethod ?? [], []);
    const created = Date.parse(now.didDocumentMetadata.created);

    const atRegistration = await resolve(`?versionTime=${encodeURIComponent(new Date(created).toISOString())}`);
    assert.equal(atRegistration.didDocumentMetadata.deactivated, undefined);
    assert.equal(atRegistration.didDocumentMetadata.suspended, undefined);
    assert.equal(atRegistration.didDocument.verificationMethod?.length, 1);

    const whileSuspended = await resolve(`?versionTime=${encodeURIComponent(new Date(created + 150_000).toISOString())}`);
    assert.equal(whileSuspended.didDocumentMetadata.suspended, true);
    assert.equal(whileSuspended.didDocumentMetadata.deactivated, undefined);
  });
});
