import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http, parseEther, type Hash, type Hex, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { attributesDigest, commitAttributes, CredentialType, signGrantAccess, WHOLE_CREDENTIAL, type RegistryClient } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** A prepared transaction as the API answers it, back into what a wallet signs. */
const toSignable = (p: Record<string, string | number>) => ({
  to: p.to as Hex, data: p.data as Hex, chainId: Number(p.chainId), nonce: Number(p.nonce), gas: BigInt(p.gas!), type: 'eip1559' as const,
  maxFeePerGas: BigInt(p.maxFeePerGas!), maxPriorityFeePerGas: BigInt(p.maxPriorityFeePerGas!), value: 0n,
});

type AccessEntry = { verifier: string; uid: string; attributes: string; success: boolean; granted: boolean | null; proof: { transactionHash: string } };

// A verifier logs an access on the holder's on-chain access log with the API alone: POST
// /prepare/log-access, signed in its own wallet, POST /transactions. It learns first whether it
// holds a grant (GET /grants/{holder}/{uid}); the holder's timeline marks which entries a grant covered.
describe('log-access: a verifier logs an access through a prepared write', () => {
  let f: ServiceFixture;
  const holder = privateKeyToAccount(generatePrivateKey());
  const verifier = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  let uid: Hash;
  let token: { holder: string; verifier: string; stranger: string };
  const indexed = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
  const post = (url: string, t: string | undefined, payload: object, key?: string) =>
    f.app.inject({ method: 'POST', url, headers: { ...(t ? { authorization: `Bearer ${t}` } : {}), ...(key ? { 'idempotency-key': key } : {}) }, payload });
  const get = (url: string, t?: string) => f.app.inject({ method: 'GET', url, headers: t ? { authorization: `Bearer ${t}` } : {} });
  const logAs = async (account: LocalAccount, t: string, body: object, key: string) => {
    const prepared = await post('/prepare/log-access', t, body);
    assert.equal(prepared.statusCode, 200, prepared.body);
    assert.equal(prepared.json().functionName, 'logAccess');
    assert.equal(prepared.json().to.toLowerCase(), f.chain.holderRegistry.toLowerCase());
    assert.equal(prepared.json().from.toLowerCase(), account.address.toLowerCase());
    const submitted = await post('/transactions', t, { signedTransaction: await account.signTransaction(toSignable(prepared.json())) }, key);
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().status, 'confirmed');
    await indexed();
    return submitted.json() as { transactionHash: string };
  };
  const timeline = async () => {
    const res = await get('/me/access-log', token.holder);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().entries as AccessEntry[];
  };

  before(async () => {
    f = await serviceFixture();
    for (const a of [holder, verifier, stranger]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    for (const a of [verifier, stranger]) await f.chain.sponsor.sendTransaction({ to: a.address, value: parseEther('1') });
    ({ uid } = await f.chain.sponsor.anchorCredential({ subject: holder.address, credentialType: CredentialType.BirthCertificate, commitment: commitAttributes({ n: 'log-access-birth' }).commitment }));
    token = { holder: await f.login(holder), verifier: await f.login(verifier), stranger: await f.login(stranger) };
    await indexed();
  });
  after(() => f.stop());

  it('logs an access without a grant: the verifier hears it holds none, the holder sees the entry marked as not covered', async () => {
    const none = await get(`/grants/${holder.address}/${uid}`, token.verifier);
    assert.equal(none.statusCode, 404, none.body);
    assert.match(none.json().message, /never granted, or revoked/);
    const { transactionHash } = await logAs(verifier, token.verifier, { holder: holder.address, uid, success: true }, 'log-without-grant');
    const [entry] = await timeline();
    assert.deepEqual(
      { verifier: entry!.verifier.toLowerCase(), uid: entry!.uid, attributes: entry!.attributes, success: entry!.success, granted: entry!.granted, tx: entry!.proof.transactionHash },
      { verifier: verifier.address.toLowerCase(), uid, attributes: WHOLE_CREDENTIAL, success: true, granted: false, tx: transactionHash },
    );
  });

  it('logs an access under a live grant: the verifier reads its grant from the chain, the holder sees the entry covered', async () => {
    const attributes = attributesDigest(['givenName', 'birthDate']);
    const reader = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as unknown as RegistryClient;
    const s = await signGrantAccess(reader, { holderRegistry: f.chain.holderRegistry, account: holder, verifier: verifier.address, uid, duration: 3600, attributes });
    const granted = await post('/grants', token.holder, { holder: s.holder, verifier: s.verifier, uid: s.uid, duration: s.duration, attributes: s.attributes, deadline: Number(s.deadline), signature: s.signature }, 'grant-verifier');
    assert.equal(granted.statusCode, 200, granted.body);
    const mine = await get(`/grants/${holder.address}/${uid}`, token.verifier);
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.json().live, true);
    assert.equal(mine.json().attributes, attributes);
    assert.equal(mine.json().verifier.toLowerCase(), verifier.address.toLowerCase());
    assert.ok(mine.json().expiresAt > Math.floor(Date.now() / 1000) + 3000);
    // Another caller asks about its own grant from this holder, never the verifier's.
    assert.equal((await get(`/grants/${holder.address}/${uid}`, token.stranger)).statusCode, 404);
    await logAs(verifier, token.verifier, { holder: holder.address, uid, attributes, success: true }, 'log-with-grant');
    const [entry, earlier] = await timeline();
    assert.deepEqual([entry!.attributes, entry!.granted, entry!.success], [attributes, true, true]);
    assert.equal(earlier!.granted, false, 'the entry logged before the grant stays uncovered');
  });

  it('logs a refused access too, and keeps each verifier to its own name', async () => {
    await logAs(stranger, token.stranger, { holder: holder.address, uid, success: false }, 'stranger-refused');
    const [entry] = await timeline();
    assert.deepEqual([entry!.verifier.toLowerCase(), entry!.success, entry!.granted], [stranger.address.toLowerCase(), false, false]);
    // A transaction prepared for the verifier, submitted under the stranger's token, is refused.
    const prepared = await post('/prepare/log-access', token.verifier, { holder: holder.address, uid, success: true });
    const signedTransaction = await verifier.signTransaction(toSignable(prepared.json()));
    const res = await post('/transactions', token.stranger, { signedTransaction }, 'someone-elses-log');
    assert.equal(res.statusCode, 403, res.body);
  });

  it('refuses a malformed request with 400 naming the field, and an anonymous one with 401', async () => {
    const bad = async (body: object, field: RegExp) => {
      const res = await post('/prepare/log-access', token.verifier, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().message, field);
    };
    await bad({ holder: holder.address, uid, attributes: '0x12', success: true }, /attributes/);
    await bad({ holder: holder.address, uid }, /success/);
    await bad({ holder: 'nobody', uid, success: true }, /holder/);
    await bad({ holder: holder.address, uid: '0x12', success: true }, /uid/);
    await bad({ holder: holder.address, uid, success: true, verifier: stranger.address }, /verifier|additional/);
    assert.equal((await get(`/grants/${holder.address}/0x12`, token.verifier)).statusCode, 400);
    assert.equal((await post('/prepare/log-access', undefined, { holder: holder.address, uid, success: true })).statusCode, 401);
    assert.equal((await get(`/grants/${holder.address}/${uid}`)).statusCode, 401);
  });
});
