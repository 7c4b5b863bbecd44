import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { issueCredential, sealCredential, type IdentreeCredential } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

describe('credential delivery', () => {
  let f: ServiceFixture;
  const government = devAccount(0);
  const holder = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  let vc: IdentreeCredential;
  let govToken: string;

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    vc = await issueCredential(f.chain.sponsor, {
      registry: f.chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
    govToken = await f.login(government);
  });
  after(() => f.stop());

  const publicKey = () => f.app.inject({ method: 'GET', url: `/identities/${holder.address}/public-key` });
  const deliver = (token: string, body: object) => f.app.inject({ method: 'POST', url: '/deliveries', headers: { authorization: `Bearer ${token}` }, payload: body });

  it('knows a holder\'s public key only once its key has signed in', async () => {
    const before = await publicKey();
    assert.equal(before.statusCode, 404);
    assert.match(before.json().message, /sign in/);
    await f.login(holder);
    const after = await publicKey();
    assert.equal(after.statusCode, 200, after.body);
    assert.equal(after.json().publicKey, holder.publicKey.toLowerCase());
  });

  it('takes a delivery from the credential\'s issuer only, sealed to the subject\'s current key only', async () => {
    const strangerToken = await f.login(stranger);
    const sealed = sealCredential({ credential: vc, holderPublicKey: holder.publicKey });
    assert.equal((await deliver(strangerToken, sealed)).statusCode, 403);
    const toWrongKey = sealCredential({ credential: vc, holderPublicKey: stranger.publicKey });
    const wrong = await deliver(govToken, toWrongKey);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.json().message, /^body\.envelope\.key/);
    const res = await deliver(govToken, sealed);
    assert.equal(res.statusCode, 201, res.body);
    // The holder sees it, and no one else does.
    const mine = (await f.app.inject({ method: 'GET', url: '/me/credentials', headers: { authorization: `Bearer ${await f.login(holder)}` } })).json();
    assert.deepEqual(mine.credentials.map((c: { id: number }) => c.id), [res.json().id]);
    const theirs = await f.app.inject({ method: 'GET', url: `/me/credentials/${res.json().id}`, headers: { authorization: `Bearer ${strangerToken}` } });
    assert.equal(theirs.statusCode, 404);
  });
});
