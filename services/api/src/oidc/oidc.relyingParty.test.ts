import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createSiweMessage } from 'viem/siwe';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { createWalletClient, http, publicActions } from 'viem';
import { checkAccess, commitAttributes, CredentialType, identreeActions, toIdentreeDid } from '@identree/sdk';
import { sealFaceTemplate } from '@identree/sdk';
import { DEFAULT_FACE_THRESHOLD, livenessChallengeHash, signFaceLogin, type LivenessChallenge } from '@identree/biometrics';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const REDIRECT = 'https://bank.example/callback';
const SECRET = 'bank-client-secret-0123456789';

// A relying party as an unmodified third-party site runs it: the `openid-client` library, with
// discovery, PKCE, state and nonce, and the ID token also checked against the published JWKS by jose.
describe('Sign in with Identree, to a relying party using openid-client', () => {
  let f: ServiceFixture;
  let issuer: string;
  let rp: client.Configuration;
  const citizen = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  const bankEntity = privateKeyToAccount(generatePrivateKey());
  let registeredRp: client.Configuration;
  let passport: `0x${string}`;
  let strangersPassport: `0x${string}`;

  before(async () => {
    const port = await freePort();
    const clients = [
      { client_id: 'bank', client_name: 'Example Bank', redirect_uris: [REDIRECT], client_secret: SECRET },
      { client_id: 'spa', client_name: 'A browser app', redirect_uris: ['http://127.0.0.1:9/cb'] },
      { client_id: 'registered-bank', client_name: 'Registered Bank', redirect_uris: [REDIRECT], client_secret: SECRET, verifier: bankEntity.address },
    ];
    f = await serviceFixture({ PORT: String(port), OIDC_CLIENTS: JSON.stringify(clients) });
    await f.app.listen({ port, host: '127.0.0.1' });
    issuer = f.config.publicUrl;
    await f.chain.sponsor.registerEntity({ entity: citizen.address, kind: 'Person' });
    await f.chain.sponsor.registerEntity({ entity: stranger.address, kind: 'Person' });
    ({ uid: passport } = await f.chain.sponsor.anchorCredential({ subject: citizen.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P-1' }).commitment }));
    ({ uid: strangersPassport } = await f.chain.sponsor.anchorCredential({ subject: stranger.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P-2' }).commitment }));
    await link(citizen, passport);
    await link(stranger, strangersPassport);
    rp = await client.discovery(new URL(issuer), 'bank', { id_token_signed_response_alg: 'EdDSA' }, client.ClientSecretBasic(SECRET), { execute: [client.allowInsecureRequests] });
    await f.chain.sponsor.registerEntity({ entity: bankEntity.address, kind: 'Organization' });
    registeredRp = await client.discovery(new URL(issuer), 'registered-bank', { id_token_signed_response_alg: 'EdDSA' }, client.ClientSecretBasic(SECRET), { execute: [client.allowInsecureRequests] });
  });
  after(() => f.stop());

  /** The holder links a credential into its tree in its own wallet (funded by the sponsor here), and the index follows. */
  async function link(holder: PrivateKeyAccount, uid: `0x${string}`) {
    await f.chain.sponsor.sendTransaction({ to: holder.address, value: 10n ** 17n } as never);
    const wallet = createWalletClient({ account: holder, chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }).extend(publicActions).extend(identreeActions(f.chain.registry));
    await wallet.linkCredential({ uid });
    for (let i = 0; i < 100; i++) {
      const tree = await f.app.inject({ url: `/entities/${holder.address}/tree` });
      if (tree.statusCode === 200 && tree.json().credentials.some((c: { uid: string }) => c.uid === uid)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${uid} was not indexed as linked`);
  }

  /** What the browser and the web app's login page do between the authorization URL and the callback. */
  async function signInOnLoginPage(authorizationUrl: URL, account: PrivateKeyAccount, release: { kind: boolean; credentials: string[]; grants?: object[] }, clientName = 'Example Bank') {
    const toLogin = await fetch(authorizationUrl, { redirect: 'manual' });
    assert.equal(toLogin.status, 303, await toLogin.text());
    const loginPage = new URL(toLogin.headers.get('location')!);
    assert.equal(loginPage.pathname, '/app/oidc/login');
    const request = loginPage.searchParams.get('request')!;
    const context = await (await fetch(`${issuer}/oidc/login-request?request=${encodeURIComponent(request)}`)).json();
    assert.equal(context.client.name, clientName);
    const message = createSiweMessage({ ...context.siwe, address: account.address, version: '1', issuedAt: new Date() });
    const res = await fetch(`${issuer}/oidc/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request, message, signature: await account.signMessage({ message }), release }),
    });
    return { status: res.status, body: await res.json() };
  }

  const start = async () => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(rp, { redirect_uri: REDIRECT, scope: 'openid identree', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce });
    return { url, verifier, state, nonce };
  };

  it('releases the chosen verified claims in an ID token the relying party validates', async () => {
    const { url, verifier, state, nonce } = await start();
    const login = await signInOnLoginPage(url, citizen, { kind: true, credentials: [passport] });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const tokens = await client.authorizationCodeGrant(rp, new URL(login.body.redirectTo), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    const claims = tokens.claims()!;
    assert.equal(claims.iss, issuer);
    assert.equal(claims.aud, 'bank');
    assert.equal(claims.sub, toIdentreeDid({ chainId: f.chain.chainId, address: citizen.address }));
    assert.deepEqual(claims.amr, ['swk']);
    assert.equal(claims.identree_kind, 'Person');
    assert.equal(claims.identree_level, 'GovernmentCertified');
    assert.deepEqual((claims.identree_credentials as { uid: string; type: string }[]).map((c) => [c.uid, c.type]), [[passport, 'Passport']]);
    // The signature, against the keys the provider publishes, by a library that is not ours.
    const { payload } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)), { issuer, audience: 'bank' });
    assert.equal(payload.nonce, nonce);
    const userinfo = await client.fetchUserInfo(rp, tokens.access_token, claims.sub);
    assert.equal(userinfo.identree_level, 'GovernmentCertified');
  });

  /** The holder enrolls a face template through the service's routes (sealed here, as the web app seals it in the page). */
  async function enrollFace(account: PrivateKeyAccount) {
    const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i + 1) / 22.6);
    const { envelope, ciphertext } = sealFaceTemplate({ holder: account.address, embedding, templateVersion: 1, recipients: [account.publicKey] });
    const typed = (await f.app.inject({ method: 'POST', url: '/prepare/face/enroll', payload: { identity: account.address, templateVersion: 1, cid: envelope.cid } })).json();
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    const signature = await account.signTypedData({ ...typed, message });
    const signed = { action: 'enroll', identity: account.address, cid: message.cid, templateVersion: 1, nonce: String(message.nonce), deadline: String(message.deadline), signature };
    const stored = await f.app.inject({
      method: 'POST', url: '/face/templates', headers: { authorization: `Bearer ${await f.login(account)}` },
      payload: { model: 'human@3.3.6/faceres', envelope, ciphertext: Buffer.from(ciphertext).toString('base64url'), signed },
    });
    assert.equal(stored.statusCode, 201, stored.body);
  }

  /** The login page by face: the face challenge's nonce, the device's match report signed into the message, posted with the release. */
  async function faceSignInOnLoginPage(authorizationUrl: URL, account: PrivateKeyAccount, outcome: 'matched' | 'not-matched') {
    const loginPage = new URL((await fetch(authorizationUrl, { redirect: 'manual' })).headers.get('location')!);
    const request = loginPage.searchParams.get('request')!;
    // The sealed template goes only to the current key: a SIWE proof over a fresh nonce asks for it.
    const n = await (await fetch(`${issuer}/auth/nonce`, { method: 'POST' })).json();
    const asking = createSiweMessage({ ...n, version: '1', address: account.address, issuedAt: new Date(), resources: ['urn:identree:face-template-request'] });
    const challenged = await fetch(`${issuer}/auth/face/challenge`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: asking, signature: await account.signMessage({ message: asking }) }),
    });
    assert.equal(challenged.status, 200, 'the face challenge, on the key\'s proof');
    const c = await challenged.json();
    const match = { outcome, cid: c.template.envelope.cid, templateVersion: c.template.envelope.templateVersion, model: c.template.model, threshold: DEFAULT_FACE_THRESHOLD };
    const { message, signature } = await signFaceLogin({ account, siwe: c, match, livenessHash: livenessChallengeHash(c.challenge as LivenessChallenge), outcome });
    const res = await fetch(`${issuer}/oidc/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request, message, signature, match, release: { kind: true, credentials: [] } }),
    });
    return { status: res.status, body: await res.json() };
  }

  it('signs in by face on the login page: the ID token says amr face and hwk; a reported mismatch is 401 face_not_matched without a score', async () => {
    const face = privateKeyToAccount(generatePrivateKey());
    await f.chain.sponsor.registerEntity({ entity: face.address, kind: 'Person' });
    await enrollFace(face);
    const { url, verifier, state, nonce } = await start();
    const login = await faceSignInOnLoginPage(url, face, 'matched');
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const tokens = await client.authorizationCodeGrant(rp, new URL(login.body.redirectTo), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
    assert.deepEqual(tokens.claims()!.amr, ['face', 'hwk']);
    assert.equal(tokens.claims()!.identree_kind, 'Person');

    const refused = await faceSignInOnLoginPage((await start()).url, face, 'not-matched');
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
    assert.equal(refused.body.error, 'face_not_matched');
    assert.doesNotMatch(JSON.stringify(refused.body), /score|similar/i);
  });

  type Release = { id: string; clientId: string; clientName: string; claims: string[]; uids: string[]; live: boolean; revokedAt: string | null };
  type LogEntry = { channel: string; accessor: string; accessorName: string | null; uids: string[]; attributes: string[]; success: boolean; detail: string | null; releaseId: string | null; recordedBy: string };
  const asHolder = (token: string, method: 'GET' | 'POST', url: string) => f.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
  const serviceLog = async (token: string): Promise<LogEntry[]> => (await asHolder(token, 'GET', '/me/service-access-log')).json().entries;
  /** RFC 6750's refusal, as openid-client reports it from the WWW-Authenticate challenge. */
  const invalidToken = (e: Error & { status?: number; cause?: { scheme: string; parameters: { error?: string } }[] }) =>
    e.status === 401 && e.cause?.[0]?.scheme === 'bearer' && e.cause[0].parameters.error === 'invalid_token';

  it('makes a release an access grant: logged at each read, shown to its holder alone, and worthless once revoked', async () => {
    const { url, verifier, state, nonce } = await start();
    const login = await signInOnLoginPage(url, citizen, { kind: true, credentials: [passport] });
    const tokens = await client.authorizationCodeGrant(rp, new URL(login.body.redirectTo), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const sub = tokens.claims()!.sub;
    assert.equal((await client.fetchUserInfo(rp, tokens.access_token, sub)).identree_level, 'GovernmentCertified');

    const holderToken = await f.login(citizen);
    const [release] = (await asHolder(holderToken, 'GET', '/me/oidc-releases')).json().releases as Release[];
    assert.equal(release!.clientName, 'Example Bank');
    assert.deepEqual(release!.uids, [passport.toLowerCase()]);
    assert.ok(release!.live && release!.claims.includes('identree_credentials'));
    const reads = (await serviceLog(holderToken)).filter((e) => e.releaseId === release!.id);
    assert.deepEqual(reads.map((e) => [e.channel, e.accessor, e.accessorName, e.success, e.recordedBy]), [
      ['oidc_userinfo', 'oidc:bank', 'Example Bank', true, 'service'],
      ['oidc_token', 'oidc:bank', 'Example Bank', true, 'service'],
    ]);
    assert.deepEqual(reads[0]!.uids, [passport.toLowerCase()]);

    // Another identity neither sees the release nor its log, nor can revoke it.
    const strangerToken = await f.login(stranger);
    assert.equal((await asHolder(strangerToken, 'POST', `/me/oidc-releases/${release!.id}/revoke`)).statusCode, 404);
    assert.ok(!((await asHolder(strangerToken, 'GET', '/me/oidc-releases')).json().releases as Release[]).some((r) => r.id === release!.id));
    assert.ok(!(await serviceLog(strangerToken)).some((e) => e.releaseId === release!.id));
    assert.equal((await client.fetchUserInfo(rp, tokens.access_token, sub)).sub, sub, 'still live after the stranger tried');

    const revoked = await asHolder(holderToken, 'POST', `/me/oidc-releases/${release!.id}/revoke`);
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal(revoked.json().live, false);
    await assert.rejects(client.fetchUserInfo(rp, tokens.access_token, sub), invalidToken);
    const raw = await fetch(`${issuer}/oidc/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(raw.status, 401);
    assert.match(raw.headers.get('www-authenticate')!, /^Bearer error="invalid_token"/);
    const after = (await serviceLog(holderToken)).filter((e) => e.releaseId === release!.id);
    assert.deepEqual(after.slice(0, 2).map((e) => [e.channel, e.success, e.detail]), [['oidc_userinfo', false, 'release_revoked'], ['oidc_userinfo', false, 'release_revoked']]);
  });

  it('gives nothing for a code whose release the holder revoked before the site redeemed it', async () => {
    const { url, verifier, state, nonce } = await start();
    const login = await signInOnLoginPage(url, citizen, { kind: true, credentials: [passport] });
    const holderToken = await f.login(citizen);
    const [release] = (await asHolder(holderToken, 'GET', '/me/oidc-releases')).json().releases as Release[];
    assert.equal((await asHolder(holderToken, 'POST', `/me/oidc-releases/${release!.id}/revoke`)).statusCode, 200);
    await assert.rejects(
      client.authorizationCodeGrant(rp, new URL(login.body.redirectTo), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
      (e: Error & { error?: string }) => e.error === 'invalid_grant',
    );
    const [entry] = (await serviceLog(holderToken)).filter((e) => e.releaseId === release!.id);
    assert.deepEqual([entry!.channel, entry!.success, entry!.detail], ['oidc_token', false, 'release_revoked']);
  });

  it('releases nothing the user did not tick', async () => {
    const { url, verifier, state, nonce } = await start();
    const login = await signInOnLoginPage(url, citizen, { kind: false, credentials: [] });
    const tokens = await client.authorizationCodeGrant(rp, new URL(login.body.redirectTo), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const claims = tokens.claims()!;
    assert.equal(claims.identree_kind, undefined);
    assert.equal(claims.identree_credentials, undefined);
  });

  it('refuses a code redeemed twice, or with the wrong PKCE verifier', async () => {
    const { url, verifier, state, nonce } = await start();
    const login = await signInOnLoginPage(url, citizen, { kind: true, credentials: [] });
    const callback = new URL(login.body.redirectTo);
    await assert.rejects(client.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: state, expectedNonce: nonce }), (e: Error & { error?: string }) => e.error === 'invalid_grant');
    await client.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    await assert.rejects(client.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }), (e: Error & { error?: string }) => e.error === 'invalid_grant');
  });

  it('never lets a user release another user\'s credential', async () => {
    const { url } = await start();
    const login = await signInOnLoginPage(url, citizen, { kind: false, credentials: [strangersPassport] });
    assert.equal(login.status, 400);
    assert.equal(login.body.error, 'invalid_request');
    assert.match(login.body.error_description, /^body\.release\.credentials: 0x[0-9a-f]{64} is not a credential of did:/);
  });

  it('refuses to release a credential the holder has not linked into its tree', async () => {
    const { uid } = await f.chain.sponsor.anchorCredential({ subject: citizen.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P-3' }).commitment });
    for (let i = 0; i < 100 && (await f.app.inject({ url: `/credentials/${uid}` })).statusCode !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    const { url } = await start();
    const login = await signInOnLoginPage(url, citizen, { kind: false, credentials: [uid] });
    assert.equal(login.status, 400);
    assert.match(login.body.error_description, /^body\.release\.credentials: 0x[0-9a-f]{64} is not a credential of did:.* linked into its tree$/);
  });

  it('lets a suspended identity release no credential', async () => {
    const suspended = privateKeyToAccount(generatePrivateKey());
    await f.chain.sponsor.registerEntity({ entity: suspended.address, kind: 'Person' });
    const { uid } = await f.chain.sponsor.anchorCredential({ subject: suspended.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P-4' }).commitment });
    await link(suspended, uid);
    await f.chain.sponsor.suspendEntity({ entity: suspended.address });
    const { url } = await start();
    const login = await signInOnLoginPage(url, suspended, { kind: true, credentials: [uid] });
    assert.equal(login.status, 403);
    assert.equal(login.body.error, 'access_denied');
    assert.match(login.body.error_description, /is not an active entity, so it cannot release credentials/);
  });

  it('gives a suspended entity no kind', async () => {
    const suspended = privateKeyToAccount(generatePrivateKey());
    await f.chain.sponsor.registerEntity({ entity: suspended.address, kind: 'Person' });
    await f.chain.sponsor.suspendEntity({ entity: suspended.address });
    const { url, verifier, state, nonce } = await start();
    const login = await signInOnLoginPage(url, suspended, { kind: true, credentials: [] });
    const tokens = await client.authorizationCodeGrant(rp, new URL(login.body.redirectTo), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    assert.equal(tokens.claims()!.identree_kind, null);
  });

  it('answers an unknown client or an unregistered redirect URI itself, never by redirecting', async () => {
    const unknown = new URL(`${issuer}/oidc/authorize?response_type=code&client_id=nobody&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`);
    const res = await fetch(unknown, { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error_description, /^querystring\.client_id: /);
    const elsewhere = new URL(`${issuer}/oidc/authorize?response_type=code&client_id=bank&redirect_uri=${encodeURIComponent('https://evil.example/cb')}&scope=openid&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`);
    const res2 = await fetch(elsewhere, { redirect: 'manual' });
    assert.equal(res2.status, 400);
    assert.equal(res2.headers.get('location'), null);
  });

  it('requires PKCE: an authorization request without a code challenge goes back with invalid_request', async () => {
    const res = await fetch(`${issuer}/oidc/authorize?response_type=code&client_id=bank&redirect_uri=${encodeURIComponent(REDIRECT)}&scope=openid&state=s1`, { redirect: 'manual' });
    assert.equal(res.status, 303);
    const back = new URL(res.headers.get('location')!);
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.equal(back.searchParams.get('state'), 's1');
  });

  /** What the login page signs for a client with a registered address: a day's GrantAccess per released credential. */
  const signedGrant = async (account: PrivateKeyAccount, uid: string) => {
    const typed = await (await fetch(`${issuer}/prepare/holder/grant-access`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holder: account.address, verifier: bankEntity.address, uid, duration: 86_400, attributes: `0x${'00'.repeat(26)}` }),
    })).json();
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    return { uid, duration: 86_400, attributes: `0x${'00'.repeat(26)}`, deadline: Number(typed.message.deadline), signature: await account.signTypedData({ ...typed, message }) };
  };

  it('records a release to a registered site as an on-chain access grant the holder can see and revoke', async () => {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(registeredRp, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
    const refused = await signInOnLoginPage(url, citizen, { kind: false, credentials: [passport] }, 'Registered Bank');
    assert.equal(refused.status, 400, 'a release without its signed grant is refused');
    assert.match(refused.body.error_description, /^body\.release\.grants: every released credential needs its signed grant/);

    const again = client.buildAuthorizationUrl(registeredRp, { redirect_uri: REDIRECT, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
    const login = await signInOnLoginPage(again, citizen, { kind: false, credentials: [passport], grants: [await signedGrant(citizen, passport)] }, 'Registered Bank');
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const tokens = await client.authorizationCodeGrant(registeredRp, new URL(login.body.redirectTo), { pkceCodeVerifier: verifier, expectedState: state });
    const grants = tokens.claims()!.identree_grants as { uid: string; expiresAt: number }[];
    assert.deepEqual(grants.map((g) => g.uid), [passport]);
    const onChain = await checkAccess(f.chain.reader as never, { holderRegistry: f.chain.holderRegistry, holder: citizen.address, verifier: bankEntity.address, uid: passport, attributes: `0x${'00'.repeat(26)}` });
    assert.equal(onChain, true, 'the relying party holds a live grant on chain');
    // The wallet reads the index, which follows the chain within a pass or two.
    const token = await f.login(citizen);
    let mine = { grants: [] as { verifier: string; uid: string; live: boolean }[] };
    for (let i = 0; i < 50 && !mine.grants.some((g) => g.uid === passport); i++) {
      mine = (await f.app.inject({ method: 'GET', url: '/me/grants', headers: { authorization: `Bearer ${token}` } })).json();
      if (!mine.grants.some((g) => g.uid === passport)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(mine.grants.some((g: { verifier: string; uid: string; live: boolean }) => g.verifier === bankEntity.address && g.uid === passport && g.live), 'the holder sees the grant in its wallet');

    // Revoking the on-chain grant in the wallet ends the release too.
    const sub = tokens.claims()!.sub;
    assert.equal((await client.fetchUserInfo(registeredRp, tokens.access_token, sub)).sub, sub);
    const typed = await (await fetch(`${issuer}/prepare/holder/revoke-access`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ holder: citizen.address, verifier: bankEntity.address, uid: passport }),
    })).json();
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    const revoke = await f.app.inject({
      method: 'POST', url: '/grants/revoke', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `revoke-${passport}` },
      payload: { holder: citizen.address, verifier: bankEntity.address, uid: passport, deadline: Number(typed.message.deadline), signature: await citizen.signTypedData({ ...typed, message }) },
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    await assert.rejects(client.fetchUserInfo(registeredRp, tokens.access_token, sub), invalidToken);
    const [entry] = await serviceLog(token);
    assert.deepEqual([entry!.channel, entry!.accessor, entry!.success, entry!.detail], ['oidc_userinfo', 'oidc:registered-bank', false, 'grant_revoked']);
  });
});
