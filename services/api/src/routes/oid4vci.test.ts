import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as wallet from 'openid-client';
import { createJWT, ES256KSigner, hexToBytes } from 'did-jwt';
import { secp256k1PublicKeyToJwk } from '@identree/sdk';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { exportSdJwtVc, issueCredential } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

/** The wallet side is openid-client, a library we did not write, speaking to the service over HTTP. */
describe('OID4VCI pre-authorized code flow', () => {
  let f: ServiceFixture;
  let base: string;
  const government = devAccount(0);
  const holderKey = generatePrivateKey();
  const holder = privateKeyToAccount(holderKey);
  let govToken: string;
  let sdJwt: string;
  let boundSdJwt: string;
  let uid: `0x${string}`;

  before(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    f = await serviceFixture({ PUBLIC_URL: base });
    await f.app.listen({ port, host: '127.0.0.1' });
    await f.chain.sponsor.registerEntity({ entity: holder.address, kind: 'Person' });
    const vc = await issueCredential(f.chain.sponsor, {
      registry: f.chain.registry, type: 'BirthCertificate', subject: holder.address,
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    });
    uid = vc.proof.uid;
    sdJwt = await exportSdJwtVc(vc, { signer: government });
    boundSdJwt = await exportSdJwtVc(vc, { signer: government, holderPublicKey: holder.publicKey });
    assert.ok(await f.worker.indexer.waitFor(await f.chain.reader.getBlockNumber({ cacheTime: 0 }), 10_000));
    govToken = await f.login(government);
  });
  after(() => f.stop());

  const offer = (token: string, body: object) => f.app.inject({ method: 'POST', url: '/credential-offers', headers: { authorization: `Bearer ${token}` }, payload: body });
  const discover = () => wallet.discovery(new URL(base), 'identree-test-wallet', undefined, wallet.None(), { algorithm: 'oauth2', execute: [wallet.allowInsecureRequests] });

  it('lets a standard wallet take the issuer\'s SD-JWT VC once, with the pre-authorized code of the offer', async () => {
    const res = await offer(govToken, { uid, sdJwt });
    assert.equal(res.statusCode, 201, res.body);
    const { credential_offer: credentialOffer, credential_offer_uri: uri } = res.json();
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.split('credential_offer=')[1])), credentialOffer);
    assert.equal(credentialOffer.credential_issuer, base);
    const code = credentialOffer.grants[PRE_AUTHORIZED_GRANT]['pre-authorized_code'];
    assert.deepEqual(credentialOffer.grants[PRE_AUTHORIZED_GRANT].tx_code, { input_mode: 'numeric', length: 6, description: 'The 6-digit code your issuer gave you with this offer' });
    assert.match(res.json().txCode, /^[0-9]{6}$/);
    assert.ok(!uri.includes(res.json().txCode), 'the PIN is never in the QR code');

    const config = await discover();
    const tokens = await wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': code, tx_code: res.json().txCode });
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    const issuerMetadata = await (await fetch(`${base}/.well-known/openid-credential-issuer`)).json();
    assert.equal(issuerMetadata.credential_configurations_supported[credentialOffer.credential_configuration_ids[0]].format, 'dc+sd-jwt');
    const endpoint = new URL(issuerMetadata.credential_endpoint);
    const fetchCredential = () => wallet.fetchProtectedResource(config, tokens.access_token, endpoint, 'POST', JSON.stringify({ credential_configuration_id: 'IdentreeSdJwtVc' }), new Headers({ 'content-type': 'application/json' }));
    const first = await fetchCredential();
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { credentials: [{ credential: sdJwt }] });
    // Once only: the token is spent with its credential, and the code with its token.
    await assert.rejects(fetchCredential(), (e: unknown) => e instanceof wallet.WWWAuthenticateChallengeError && e.cause[0]?.parameters.error === 'invalid_token');
    await assert.rejects(wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': code, tx_code: res.json().txCode }), (e: unknown) => (e as { error?: string }).error === 'invalid_grant');
  });

  it('voids the offer on one wrong tx_code, and asks for the tx_code when it is missing', async () => {
    const res = await offer(govToken, { uid, sdJwt });
    const { credential_offer: credentialOffer, txCode } = res.json();
    const code = credentialOffer.grants[PRE_AUTHORIZED_GRANT]['pre-authorized_code'];
    const config = await discover();
    await assert.rejects(wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': code }), (e: unknown) => (e as { error?: string }).error === 'invalid_request');
    const wrong = String((Number(txCode) + 1) % 1_000_000).padStart(6, '0');
    await assert.rejects(wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': code, tx_code: wrong }), (e: unknown) => (e as { error?: string; error_description?: string }).error === 'invalid_grant' && /tx_code is wrong/.test(String((e as { error_description?: string }).error_description)));
    await assert.rejects(wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': code, tx_code: txCode }), (e: unknown) => (e as { error?: string }).error === 'invalid_grant', 'the right PIN after a wrong one finds the offer void');
  });

  /** An OID4VCI key proof made by did-jwt (a library we did not write), ES256K by the holder's key, its public JWK in the header. */
  const proofBy = async (privateKey: `0x${string}`, cNonce: string) => {
    const jwk = secp256k1PublicKeyToJwk(privateKeyToAccount(privateKey).publicKey);
    return createJWT({ aud: base, nonce: cNonce }, { issuer: 'wallet', signer: ES256KSigner(hexToBytes(privateKey.slice(2))), alg: 'ES256K' }, { typ: 'openid4vci-proof+jwt' as 'JWT', jwk });
  };
  const redeemBound = async () => {
    const res = await offer(govToken, { uid, sdJwt: boundSdJwt });
    const { credential_offer: credentialOffer, txCode } = res.json();
    const config = await discover();
    const tokens = await wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': credentialOffer.grants[PRE_AUTHORIZED_GRANT]['pre-authorized_code'], tx_code: txCode });
    const post = (body: object) => fetch(`${base}/oid4vci/credential`, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { post };
  };
  const nonce = async () => (await (await fetch(`${base}/oid4vci/nonce`, { method: 'POST' })).json()).c_nonce as string;

  it('hands a key-bound credential only to the wallet that proves the holder key over a fresh c_nonce', async () => {
    const metadata = await (await fetch(`${base}/.well-known/openid-credential-issuer`)).json();
    assert.deepEqual(metadata.credential_configurations_supported.IdentreeSdJwtVc.cryptographic_binding_methods_supported, ['jwk']);
    assert.equal(metadata.nonce_endpoint, `${base}/oid4vci/nonce`);
    const { post } = await redeemBound();
    const none = await post({ credential_configuration_id: 'IdentreeSdJwtVc', proofs: { jwt: [await proofBy(holderKey, 'not-a-nonce')] } });
    assert.equal(none.status, 400);
    assert.match((await none.json()).error_description, /nonce is not one of ours/);
    // The bad proof was refused before the credential was taken: the same token still fetches it with a good one.
    const ok = await post({ credential_configuration_id: 'IdentreeSdJwtVc', proofs: { jwt: [await proofBy(holderKey, await nonce())] } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { credentials: [{ credential: boundSdJwt }] });
  });

  it('refuses a key-bound credential to a proof by another key, or to no proof', async () => {
    const thief = await redeemBound();
    const res = await thief.post({ proofs: { jwt: [await proofBy(generatePrivateKey(), await nonce())] } });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error, 'invalid_proof');
    assert.match(body.error_description, /another key/);
    const careless = await redeemBound();
    const bare = await careless.post({});
    assert.equal(bare.status, 400);
    assert.match((await bare.json()).error_description, /bound to a holder key/);
  });

  it('keeps the offered SD-JWT sealed at rest: the stored credential is a JWE that shows none of it', async () => {
    const res = await offer(govToken, { uid, sdJwt });
    const code = res.json().credential_offer.grants[PRE_AUTHORIZED_GRANT]['pre-authorized_code'];
    const { createHash } = await import('node:crypto');
    const codeHash = `0x${createHash('sha256').update(code).digest('hex')}` as `0x${string}`;
    const stored = await f.storage.credentialOffers.redeem(codeHash, { tokenHash: `0x${'11'.repeat(32)}`, tokenExpiresAt: new Date(Date.now() + 60_000), now: new Date() });
    assert.ok(stored?.credential, 'the offer is stored');
    assert.equal(stored.credential.split('.').length, 5, 'a compact JWE');
    assert.equal(JSON.parse(Buffer.from(stored.credential.split('.')[0]!, 'base64url').toString()).alg, 'dir');
    for (const part of sdJwt.split('~').filter(Boolean)) assert.ok(!stored.credential.includes(part.slice(0, 24)), 'no part of the SD-JWT is in the clear');
  });

  it('refuses a code it never issued, and an offer from anyone but the credential\'s issuer', async () => {
    const config = await discover();
    await assert.rejects(wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': 'made-up-code', tx_code: '123456' }), (e: unknown) => (e as { error?: string }).error === 'invalid_grant');
    const stranger = await f.login(holder);
    const res = await offer(stranger, { uid, sdJwt });
    assert.equal(res.statusCode, 403, res.body);
  });

  it('answers a malformed token request as OAuth says, never 5xx', async () => {
    const res = await fetch(`${base}/oid4vci/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2]' });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.equal(body.error, 'invalid_request');
    assert.match(body.error_description, /body/);
  });
});
