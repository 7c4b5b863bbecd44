import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { devAccount } from '@identree/devchain';
import { createPresentation, issueCredential, type IdentreeCredential } from '@identree/sdk';
import type { ChainPort } from '@identree/chain';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// The chain node goes away between issuing a nonce and verifying: the status read fails, on the
// HTTP thread and on a verification thread alike, and the client gets a typed 503 to retry.
describe('presentation verification during a chain outage', () => {
  let f: ServiceFixture;
  let chain: ChainPort;
  const apps: Record<'on the HTTP thread' | 'on a verification thread', FastifyInstance> = {} as never;
  let credential: IdentreeCredential;
  const holder = devAccount(1);
  const audience = 'https://bank.example';

  before(async () => {
    f = await serviceFixture();
    chain = f.chain;
    apps['on the HTTP thread'] = await f.mount({ verifyThreads: 0 });
    apps['on a verification thread'] = await f.mount({ verifyThreads: 1 });
    await chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    credential = await issueCredential(chain.sponsor, {
      registry: chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
  });
  after(async () => {
    await f?.stop();
  });

  it('answers 503 chain_unavailable, not 500, whichever thread verifies', async () => {
    const presentations = new Map<FastifyInstance, unknown>();
    for (const app of Object.values(apps)) {
      const { nonce } = (await app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience } })).json();
      presentations.set(app, await createPresentation({ holder, audience, nonce, disclose: [{ credential, attributes: ['ageOver18'] }] }));
    }
    await chain.stop();
    for (const [where, app] of Object.entries(apps)) {
      const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience, presentation: presentations.get(app) } });
      assert.equal(res.statusCode, 503, `${where}: ${res.body}`);
      assert.deepEqual(res.json(), { error: 'chain_unavailable', message: 'the chain node did not answer; try again later' }, where);
    }
  });
});
