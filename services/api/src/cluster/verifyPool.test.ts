import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { devAccount } from '@identree/devchain';
import { createWalletClient, http, publicActions } from 'viem';
import { createPresentation, deployIdentityRegistry, identreeActions, issueCredential, type IdentreeCredential } from '@identree/sdk';
import type { ChainPort } from '@identree/chain';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// The service as the launchers assemble it: batched nonces in PGlite, verification on two threads.
describe('verification on worker threads', () => {
  let f: ServiceFixture;
  let chain: ChainPort;
  let app: FastifyInstance;
  let credential: IdentreeCredential;
  const holder = devAccount(1);
  const audience = 'https://bank.example';

  before(async () => {
    f = await serviceFixture({}, { app: { verifyThreads: 2 } });
    ({ chain, app } = f);
    await chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    credential = await issueCredential(chain.sponsor, {
      registry: chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
  });
  after(async () => {
    await f?.stop();
  });

  const present = async () => {
    const { nonce } = (await app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience } })).json();
    return createPresentation({ holder, audience, nonce, disclose: [{ credential, attributes: ['ageOver18'] }] });
  };
  /** Names the challenge the presentation answers, as a verifier in a session does. */
  const verify = async (presentation: unknown) => {
    const nonce = (presentation as { nonce?: unknown }).nonce;
    const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience, presentation, policy: { minLevel: 'GovernmentCertified' }, ...(typeof nonce === 'string' ? { nonce } : {}) } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { valid: boolean; nonce?: string; reasons: { code: string }[]; credentials?: { disclosed: Record<string, string> }[] };
  };

  it('verifies distinct presentations concurrently, each once', async () => {
    const presentations = await Promise.all(Array.from({ length: 40 }, present));
    const verdicts = await Promise.all(presentations.map(verify));
    assert.deepEqual(verdicts.map((v) => v.valid), presentations.map(() => true), JSON.stringify(verdicts.find((v) => !v.valid)));
    assert.deepEqual(verdicts[0]!.credentials![0]!.disclosed, { ageOver18: true });
    assert.deepEqual(verdicts.map((v) => v.nonce), presentations.map((p) => p.nonce), 'each verdict names the challenge it answered');
  });

  it('lets one of many concurrent submissions of a presentation win, whichever thread verifies it', async () => {
    for (let round = 0; round < 3; round++) {
      const presentation = await present();
      const verdicts = await Promise.all(Array.from({ length: 24 }, () => verify(presentation)));
      assert.equal(verdicts.filter((v) => v.valid).length, 1);
      for (const v of verdicts.filter((v) => !v.valid)) assert.deepEqual(v.reasons.map((r) => r.code), ['nonce_replayed']);
    }
  });

  it('rejects a replay after the nonce was used, and a presentation for another audience', async () => {
    const presentation = await present();
    assert.equal((await verify(presentation)).valid, true);
    assert.deepEqual((await verify(presentation)).reasons.map((r) => r.code), ['nonce_replayed']);
    const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience: 'https://other.example', presentation: await present() } });
    assert.deepEqual(res.json().reasons.map((r: { code: string }) => r.code), ['audience_mismatch']);
  });

  it('refuses a credential anchored in a registry other than the service\'s, however it is certified there', async () => {
    // A registry anyone could deploy on the same chain, with themselves as root.
    const rogueRoot = createWalletClient({ account: devAccount(2), chain: chain.sponsor.chain, transport: http(chain.rpcUrl) }).extend(publicActions);
    const { registry: rogue } = await deployIdentityRegistry(rogueRoot);
    await rogueRoot.extend(identreeActions(rogue)).registerEntity({ entity: holder.address, kind: 'Person' });
    const forged = await issueCredential(rogueRoot.extend(identreeActions(rogue)), {
      registry: rogue, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '1990-01-01', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    const { nonce } = (await app.inject({ method: 'POST', url: '/presentations/nonce', payload: { audience } })).json();
    const verdict = await verify(await createPresentation({ holder, audience, nonce, disclose: [{ credential: forged, attributes: ['ageOver18'] }] }));
    assert.equal(verdict.valid, false);
    assert.deepEqual(verdict.reasons.map((r) => r.code), ['registry_untrusted']);
  });

  it('still answers a malformed presentation with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/presentations/verify', payload: { audience, presentation: { type: 'nope' } } });
    assert.equal(res.statusCode, 400);
  });
});
