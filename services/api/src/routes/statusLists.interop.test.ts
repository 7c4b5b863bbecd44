import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { createWalletClient, http, publicActions } from 'viem';
import { devAccount } from '@identree/devchain';
import { exportSdJwtVc, getAnchorTime, issueCredential, reportCompromise, revokeCredential, sdJwtVerifierFor, type BitstringStatusListEntry, type IdentreeCredential } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/**
 * Status lists checked only by libraries nobody here wrote: jose verifies the list's signature
 * against the service's JWKS, Digital Bazaar's Bitstring Status List checker reads the W3C lists,
 * and @sd-jwt's SD-JWT VC verifier fetches and reads the IETF Token Status List by itself.
 */
describe('credential status lists, read by standard checkers', () => {
  let f: ServiceFixture;
  let jwks: ReturnType<typeof createLocalJWKSet>;
  const registrar = devAccount(7);
  const holder = devAccount(8);
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  const tokens: Record<string, string> = {};
  const caughtUp = async () => assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
  const path = (url: string) => new URL(url).pathname;

  /** The service's JWKS-verified list payload, as a verifier fetching `statusListCredential` gets it. */
  const loadList = async (url: string) => {
    const res = await f.app.inject({ method: 'GET', url: path(url) });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/vc\+jwt/);
    const { payload, protectedHeader } = await jwtVerify(res.body, jwks, { issuer: f.config.publicUrl, typ: 'vc+jwt' });
    assert.equal(protectedHeader.alg, 'EdDSA');
    return payload as unknown as Record<string, unknown>;
  };
  const documentLoader = async (url: string) => ({ document: await loadList(url), documentUrl: url, contextUrl: null });
  /** One bit per purpose, as the standard checker reads it. */
  const bits = async (credential: IdentreeCredential) => {
    const result = await checkStatus({ credential, documentLoader, verifyBitstringStatusListCredential: false, verifyMatchingIssuers: false });
    assert.equal(result.verified, true, String(result.error));
    return Object.fromEntries(result.results.map((r) => [(r.credentialStatus as BitstringStatusListEntry).statusPurpose, r.status]));
  };

  const walletOf = (account: typeof registrar) => createWalletClient({ account, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions);
  const registrarWallet = () => walletOf(registrar);
  const revoke = async (credential: IdentreeCredential) => {
    await revokeCredential(registrarWallet() as never, { registry: f.chain.registry, commitment: credential.proof.commitment });
    await caughtUp();
  };

  /** Issues a birth certificate to the holder and places it in a status list, as an issuer's wallet does. */
  const issueWithStatus = async (givenName: string, issuer = registrar, token = () => tokens.registrar!) => {
    const plain = await issueCredential(walletOf(issuer) as never, {
      registry: f.chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName, fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    await caughtUp();
    const res = await f.app.inject({ method: 'POST', url: `/credentials/${plain.proof.uid}/status-entry`, headers: auth(token()) });
    assert.equal(res.statusCode, 200, res.body);
    const entry = res.json() as { listId: number; index: number; credentialStatus: BitstringStatusListEntry[]; status: { status_list: { idx: number; uri: string } } };
    return { credential: { ...plain, credentialStatus: entry.credentialStatus } as IdentreeCredential, entry };
  };

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: registrar.address, kind: 'Government' });
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    tokens.registrar = await f.login(registrar);
    tokens.holder = await f.login(holder);
    jwks = createLocalJWKSet((await f.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json());
  });
  after(() => f.stop());

  it('shows a fresh credential as neither revoked nor suspended, then revoked within one indexer pass of its revocation', async () => {
    const { credential } = await issueWithStatus('Ana');
    assert.deepEqual(await bits(credential), { revocation: false, suspension: false });
    await revoke(credential);
    assert.deepEqual(await bits(credential), { revocation: true, suspension: false });
  });

  it('after a government\'s compromise is reported, revokes what it anchored since then and keeps what it anchored before', async () => {
    const province = devAccount(9);
    await f.chain.sponsor.registerEntity({ entity: province.address, kind: 'Government' });
    const provinceToken = await f.login(province);
    const rightful = await issueWithStatus('Rut', province, () => provinceToken);
    const rightfulAt = (await getAnchorTime(f.chain.reader as never, { registry: f.chain.registry, uid: rightful.credential.proof.uid }))!.timestamp;
    // Anchors in one second share a block time: the thief's comes a second later.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const forged = await issueWithStatus('Ivo', province, () => provinceToken);
    const since = rightfulAt + 1;
    assert.ok((await getAnchorTime(f.chain.reader as never, { registry: f.chain.registry, uid: forged.credential.proof.uid }))!.timestamp >= since);
    await f.chain.sponsor.suspendEntity({ entity: province.address });
    await caughtUp();
    assert.deepEqual(await bits(rightful.credential), { revocation: false, suspension: true }, 'a plain suspension reaches everything');
    await reportCompromise(f.chain.sponsor as never, { holderRegistry: f.chain.holderRegistry, entity: province.address, since });
    assert.deepEqual(await bits(rightful.credential), { revocation: false, suspension: false }, 'anchored before the compromise');
    assert.deepEqual(await bits(forged.credential), { revocation: true, suspension: false }, 'anchored inside the compromise');
  });

  it('shows suspension while the holder is suspended, and clears it on reinstatement', async () => {
    const { credential } = await issueWithStatus('Bea');
    await f.chain.sponsor.suspendEntity({ entity: holder.address });
    await caughtUp();
    assert.deepEqual(await bits(credential), { revocation: false, suspension: true });
    await f.chain.sponsor.reinstateEntity({ entity: holder.address });
    await caughtUp();
    assert.deepEqual(await bits(credential), { revocation: false, suspension: false });
  });

  it('lets @sd-jwt\'s SD-JWT VC verifier fetch the token status list itself: accepted while valid, refused once revoked', async () => {
    const { credential, entry } = await issueWithStatus('Cruz');
    const token = await exportSdJwtVc(credential, { signer: registrar, status: entry.status });
    const verifier = new SDJwtVcInstance({
      hasher: digest,
      verifier: sdJwtVerifierFor(registrar.address),
      statusListFetcher: async (uri) => {
        const res = await f.app.inject({ method: 'GET', url: path(uri) });
        assert.equal(res.statusCode, 200, res.body);
        return res.body;
      },
      // The list token is signed by the service's key, not the issuer's: check it against the JWKS.
      statusVerifier: async (data, signature) => {
        const jwt = `${data}.${signature}`;
        return jwtVerify(jwt, jwks, { typ: 'statuslist+jwt' }).then(() => true, () => false);
      },
    });
    const ok = await verifier.verify(token);
    assert.deepEqual(ok.payload.status, entry.status);
    await revoke(credential);
    await assert.rejects(verifier.verify(token), /^SDJWTException: Status is not valid$|Status is not valid/);
  });

  it('writes a suspended holder\'s credential as 2 in the token status list, and a revoked one as 1', async () => {
    const { getListFromStatusListJWT } = await import('@sd-jwt/jwt-status-list');
    const suspended = await issueWithStatus('Dora');
    const revoked = await issueWithStatus('Eva');
    await revoke(revoked.credential);
    await f.chain.sponsor.suspendEntity({ entity: holder.address });
    await caughtUp();
    const res = await f.app.inject({ method: 'GET', url: path(suspended.entry.status.status_list.uri) });
    assert.equal(res.headers['content-type'], 'application/statuslist+jwt');
    const list = getListFromStatusListJWT(res.body);
    assert.equal(list.getStatus(suspended.entry.index), 2);
    assert.equal(list.getStatus(revoked.entry.index), 1);
    await f.chain.sponsor.reinstateEntity({ entity: holder.address });
    await caughtUp();
  });

  it('serves the unsigned JSON credential on Accept: application/vc, the same list as the vc+jwt', async () => {
    const { credential } = await issueWithStatus('Flor');
    const url = credential.credentialStatus![0]!.statusListCredential;
    const res = await f.app.inject({ method: 'GET', url: path(url), headers: { accept: 'application/vc' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] as string, /^application\/vc/);
    const plain = res.json();
    const signed = await loadList(url);
    assert.deepEqual(plain.credentialSubject, signed.credentialSubject);
    assert.deepEqual(plain.type, ['VerifiableCredential', 'BitstringStatusListCredential']);
  });

  it('gives the same position on a second request, and refuses anyone but the issuer', async () => {
    const { credential, entry } = await issueWithStatus('Gala');
    const url = `/credentials/${credential.proof.uid}/status-entry`;
    const again = await f.app.inject({ method: 'POST', url, headers: auth(tokens.registrar!) });
    assert.equal(again.json().index, entry.index);
    assert.equal(again.json().listId, entry.listId);
    const stranger = await f.app.inject({ method: 'POST', url, headers: auth(tokens.holder!) });
    assert.equal(stranger.statusCode, 403, stranger.body);
    assert.match(stranger.json().message, /only the credential's issuer/);
    assert.equal((await f.app.inject({ method: 'POST', url })).statusCode, 401);
  });

  it('answers bad input with a 400 naming the field, and an unknown credential or list with a 404', async () => {
    const unknownUid = `0x${'ab'.repeat(32)}`;
    const missing = await f.app.inject({ method: 'POST', url: `/credentials/${unknownUid}/status-entry`, headers: auth(tokens.registrar!) });
    assert.equal(missing.statusCode, 404, missing.body);
    assert.match(missing.json().message, /not indexed/);
    for (const [url, field] of [
      ['/credentials/0x12/status-entry', 'uid'],
      ['/status-lists/01/revocation', 'listId'],
      ['/status-lists/-1/revocation', 'listId'],
      ['/status-lists/abc/token', 'listId'],
      ['/status-lists/0/expiry', 'purpose'],
    ] as const) {
      const res = await f.app.inject({ method: url.startsWith('/credentials') ? 'POST' : 'GET', url, headers: auth(tokens.registrar!) });
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(res.json().message, new RegExp(field), url);
    }
    for (const url of ['/status-lists/999999/revocation', '/status-lists/999999/token']) {
      assert.equal((await f.app.inject({ method: 'GET', url })).statusCode, 404, url);
    }
  });
});
