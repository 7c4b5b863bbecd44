import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { devAccount } from '@identree/devchain';
import { prepareRegisterEntity } from '@identree/sdk';
import { createChainWorkerClient } from '../chainWorker/chainWorkerClient.js';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// The chain worker is down (its port refuses connections): the API says so, by name, at once.
describe('the API while the chain worker is down', () => {
  let f: ServiceFixture;
  let app: FastifyInstance;
  before(async () => {
    f = await serviceFixture();
    app = await f.mount({ chainWorker: createChainWorkerClient(createGrpcTransport({ baseUrl: 'http://127.0.0.1:9' })) });
  });
  after(() => f?.stop());

  // A hang fails by the test's timeout; no timed assertion, since these machines are shared and a figure moves.
  it('reports 503 on /health naming the chain worker, and the parts that are up', { timeout: 30_000 }, async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 503, res.body);
    const body = res.json();
    assert.equal(body.status, 'degraded');
    assert.equal(body.parts.chain, 'ok');
    assert.equal(body.parts.database, 'ok');
    assert.match(body.parts.chainWorker, /^down: /);
  });

  it('answers a write 503 chain_worker_unavailable, with no internal address', async () => {
    const government = devAccount(0);
    // Tokens are the service's, not one app's: signed in on the fixture's app, used on this one.
    const token = await f.login(government);
    const request = await f.chain.sponsor.prepareTransactionRequest(prepareRegisterEntity({ registry: f.chain.registry, entity: devAccount(7).address, kind: 'Person' }) as never);
    const signedTransaction = await government.signTransaction(request as never);
    const res = await app.inject({ method: 'POST', url: '/entities', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'worker-down-1' }, payload: { signedTransaction } });
    assert.equal(res.statusCode, 503, res.body);
    assert.deepEqual(res.json(), { error: 'chain_worker_unavailable', message: 'the chain worker did not answer; try again later' });
  });
});
