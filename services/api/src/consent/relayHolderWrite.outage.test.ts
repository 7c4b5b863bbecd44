import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { createPublicClient, http, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { commitAttributes, CredentialType, signGrantAccess, WHOLE_CREDENTIAL, type RegistryClient } from '@identree/sdk';
import { installErrorHandler } from '../errors.js';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';
import { relayHolderWrite, type HolderWriteDeps } from './relayHolderWrite.js';

const chainUnavailable = { error: 'chain_unavailable', message: 'the chain node did not answer; try again later' };

// The SDK wraps a call that failed without a revert (the node did not answer) in a plain
// IdentreeError. A holder write during a chain outage must still be the 503 a client retries,
// as every other chain read is, and a revert must keep its own typed 4xx.
describe('holder writes during a chain outage', () => {
  let f: ServiceFixture;
  const holder = privateKeyToAccount(generatePrivateKey());
  const verifier = privateKeyToAccount(generatePrivateKey());
  let grant: Record<string, unknown>;
  let token: string;
  const post = (key: string, payload: unknown) =>
    f.app.inject({ method: 'POST', url: '/grants', headers: { authorization: `Bearer ${token}`, 'idempotency-key': key }, payload: payload as object });

  before(async () => {
    f = await serviceFixture();
    for (const a of [holder, verifier]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    const { uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.BirthCertificate, commitment: commitAttributes({ n: 'outage' }).commitment });
    const client = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as unknown as RegistryClient;
    const s = await signGrantAccess(client, { holderRegistry: f.chain.holderRegistry, account: holder, verifier: verifier.address, uid: uid as Hash, duration: 3600, attributes: WHOLE_CREDENTIAL });
    grant = { holder: s.holder, verifier: s.verifier, uid: s.uid, duration: s.duration, attributes: s.attributes, deadline: Number(s.deadline), signature: s.signature };
    token = await f.login(holder);
  });
  after(() => f?.stop());

  it('answers a revert with its typed error while the node is up', async () => {
    const tampered = await post('outage-tampered', { ...grant, duration: (grant.duration as number) + 1 });
    assert.equal(tampered.json().error, 'consent_signature_invalid', tampered.body);
    assert.ok(tampered.statusCode < 500, tampered.body);
  });

  it('answers 503 chain_unavailable, not 502, once the node is gone', async () => {
    await f.chain.stop();
    const res = await post('outage-grant', grant);
    assert.equal(res.statusCode, 503, res.body);
    assert.deepEqual(res.json(), chainUnavailable);
  });
});

// The same for the relay's own simulation, which runs after the caller's identity was read.
describe('relayHolderWrite against a node that does not answer', () => {
  let app: FastifyInstance;
  const holder = privateKeyToAccount(generatePrivateKey());

  before(async () => {
    app = Fastify();
    installErrorHandler(app);
    app.decorate('chain', {
      reader: createPublicClient({ transport: http('http://127.0.0.1:1', { retryCount: 0 }) }),
      registry: privateKeyToAccount(generatePrivateKey()).address,
      holderRegistry: privateKeyToAccount(generatePrivateKey()).address,
      sponsorAddress: privateKeyToAccount(generatePrivateKey()).address,
    } as never);
    // No quota here: what is under test is the simulation against a node that does not answer.
    app.decorate('sponsorPolicy', { check: async () => {}, admit: async () => {} });
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      request.user = { address: holder.address } as never;
    });
    // Only the Idempotency-Key lookup runs before the simulation; nothing may be queued after it fails.
    const deps = {
      writes: { find: async () => null, submitSponsored: () => assert.fail('nothing is queued when the simulation fails') },
      waitMs: 1_000,
    } as unknown as HolderWriteDeps;
    app.post('/grants', (request, reply) =>
      relayHolderWrite(app, deps, request, reply, {
        route: '/grants',
        body: [],
        functionName: 'grantAccessBySig',
        args: [holder.address, holder.address, `0x${'11'.repeat(32)}`, 3600, `0x${'00'.repeat(26)}`, 2n ** 40n, `0x${'22'.repeat(65)}`],
      }),
    );
  });
  after(() => app?.close());

  it('answers 503 chain_unavailable', async () => {
    const res = await app.inject({ method: 'POST', url: '/grants', headers: { 'idempotency-key': 'outage-simulate' }, payload: {} });
    assert.equal(res.statusCode, 503, res.body);
    assert.deepEqual(res.json(), chainUnavailable);
  });
});
