import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// DID resolution reduces a failed chain read to the resolver's one error string; the route must
// still tell a node that does not answer (503, retry later) from one that answered wrongly.
describe('DID resolution during a chain outage', () => {
  let f: ServiceFixture;
  let did: string;
  before(async () => {
    f = await serviceFixture();
    did = `did:identree:${f.chain.chainId}:${f.chain.sponsor.account.address}`;
  });
  after(() => f?.stop());

  it('resolves while the node is up, and answers 503 chain_unavailable once it is gone', async () => {
    const up = await f.app.inject({ method: 'GET', url: `/dids/${did}` });
    assert.equal(up.statusCode, 200, up.body);
    assert.equal(up.json().didDocument.id, did);
    await f.chain.stop();
    const down = await f.app.inject({ method: 'GET', url: `/dids/${did}` });
    assert.equal(down.statusCode, 503, down.body);
    assert.equal(down.json().error, 'chain_unavailable');
  });
});
