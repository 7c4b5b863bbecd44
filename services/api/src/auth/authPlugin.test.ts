import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLocalJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { createPublicClient, http, type Address, type PublicClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type LocalAccount } from 'viem/accounts';
import { createSiweMessage, type CreateSiweMessageParameters } from 'viem/siwe';
import { SiweMessage } from 'siwe';
import { startAnvil, type Anvil } from '@identree/devchain';
import { installErrorHandler } from '../errors.js';
import { authPlugin, type AuthPluginOptions } from './authPlugin.js';
import { createMemoryLoginNonceStore } from '@identree/store';
import { loadSigningKey } from '@identree/store';

const DOMAIN = 'id.identree.test';
const URI = 'https://id.identree.test';
const ISSUER = 'https://api.identree.test';
/** A failed login names the field that was wrong, and nothing about the account. */
const loginFailed = (why: string) => ({ error: 'login_failed', message: `login failed: ${why}` });
const NONCE_REFUSED = loginFailed('nonce is unknown, used or expired; ask POST /auth/nonce for another');
const SIGNATURE_REFUSED = loginFailed('signature is not the address\'s signature of this message');

let anvil: Anvil;
let publicClient: PublicClient;
let key: JWK;
let chainId: number;

before(async () => {
  anvil = await startAnvil({ accounts: 1 });
  chainId = anvil.chain.id;
  publicClient = createPublicClient({ chain: anvil.chain, transport: http(anvil.rpcUrl, { retryCount: 0 }) });
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  key = await exportJWK(pair.privateKey);
});
after(() => anvil.stop());

type Built = { app: FastifyInstance; roles: Map<Address, string>; loginFailures: () => unknown[] };

/** The plugin on a bare Fastify, as `buildApp` configures it, with two guarded routes. */
async function build(t: TestContext, overrides: Partial<AuthPluginOptions> = {}): Promise<Built> {
  const logs: Array<Record<string, unknown>> = [];
  const app = Fastify({
    logger: { level: 'info', stream: { write: (line: string) => void logs.push(JSON.parse(line)) } },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  installErrorHandler(app);
  const roles = new Map<Address, string>();
  await app.register(authPlugin, {
    domain: DOMAIN,
    uri: URI,
    chainId,
    issuer: ISSUER,
    key,
    nonces: createMemoryLoginNonceStore(),
    resolveRole: async (address) => roles.get(address) ?? null,
    publicClient,
    ...overrides,
  } as AuthPluginOptions);
  app.get('/me', { preHandler: app.authenticate }, async (request) => request.user);
  app.get('/government-only', { preHandler: app.requireAuth(['Government']) }, async (request) => request.user);
  await app.ready();
  t.after(() => app.close());
  return { app, roles, loginFailures: () => logs.filter((l) => l.msg === 'login failed').map((l) => l.reason) };
}

const newAccount = () => privateKeyToAccount(generatePrivateKey());

async function nonce(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/auth/nonce' });
  assert.equal(response.statusCode, 200, response.body);
  return response.json().nonce;
}

/** Asks a nonce, builds the message (fields overridable), signs it and posts it. */
async function signIn(app: FastifyInstance, account: LocalAccount, fields: Partial<CreateSiweMessageParameters> = {}, signer: LocalAccount = account) {
  const message = createSiweMessage({
    domain: DOMAIN,
    uri: URI,
    chainId,
    address: account.address,
    nonce: await nonce(app),
    version: '1',
    statement: 'Sign in to Identree',
    issuedAt: new Date(),
    expirationTime: new Date(Date.now() + 5 * 60_000),
    ...fields,
  });
  const signature = await signer.signMessage({ message });
  const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature } });
  return { message, signature, response };
}

async function jwks(app: FastifyInstance) {
  const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
  assert.equal(response.statusCode, 200);
  return response.json() as { keys: JWK[] };
}

describe('POST /auth/nonce', () => {
  it('issues a single-use alphanumeric nonce of at least 96 bits expiring in 5 minutes', async (t) => {
    const { app } = await build(t);
    const response = await app.inject({ method: 'POST', url: '/auth/nonce' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const { nonce, expiresAt } = response.json();
    assert.match(nonce, /^[a-zA-Z0-9]{24,}$/);
    assert.ok(Math.abs(Date.parse(expiresAt) - (Date.now() + 5 * 60_000)) < 5_000);
  });

  it('tells the client every field the message must carry', async (t) => {
    const { app } = await build(t);
    const { domain, uri, chainId: chain, version, statement } = (await app.inject({ method: 'POST', url: '/auth/nonce' })).json();
    assert.deepEqual({ domain, uri, chainId: chain, version }, { domain: DOMAIN, uri: URI, chainId, version: '1' });
    assert.ok(statement.length > 0);
  });

  it('is rate-limited per IP', async (t) => {
    const { app } = await build(t, { nonceLimit: { max: 3, timeWindow: '1 minute' } });
    for (let i = 0; i < 3; i++) assert.equal((await app.inject({ method: 'POST', url: '/auth/nonce' })).statusCode, 200);
    const limited = await app.inject({ method: 'POST', url: '/auth/nonce' });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error, 'rate_limited');
  });
});

describe('POST /auth/login', () => {
  it('answers an access token that verifies against the published JWKS', async (t) => {
    const { app, roles } = await build(t);
    const account = newAccount();
    roles.set(account.address, 'Issuer');
    const { response } = await signIn(app, account);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const body = response.json();
    assert.deepEqual({ ...body, accessToken: typeof body.accessToken }, { accessToken: 'string', tokenType: 'Bearer', expiresIn: 900, address: account.address, role: 'Issuer' });

    const keySet = await jwks(app);
    const { payload, protectedHeader } = await jwtVerify(body.accessToken, createLocalJWKSet(keySet), { issuer: ISSUER, audience: 'identree-api', algorithms: ['EdDSA'] });
    assert.equal(payload.sub, account.address);
    assert.equal(payload.role, 'Issuer');
    assert.equal(payload.exp! - payload.iat!, 900);
    assert.ok(Math.abs(payload.iat! - Date.now() / 1000) < 10);
    assert.equal(protectedHeader.alg, 'EdDSA');
    assert.equal(protectedHeader.typ, 'at+jwt');
    assert.equal(protectedHeader.kid, keySet.keys[0]!.kid);
    assert.deepEqual(Object.keys(keySet.keys[0]!).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  });

  it('names the checksummed address as subject whatever the case the client used', async (t) => {
    const { app } = await build(t);
    const account = newAccount();
    const { response } = await signIn(app, account, { address: account.address.toLowerCase() as Address });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().address, account.address);
  });

  it('accepts the URI with or without a trailing slash', async (t) => {
    const { app } = await build(t);
    assert.equal((await signIn(app, newAccount(), { uri: `${URI}/` })).response.statusCode, 200);
    assert.equal((await signIn(app, newAccount(), { uri: URI })).response.statusCode, 200);
  });

  it('logs an unregistered account in as a visitor', async (t) => {
    const { app } = await build(t);
    const { response } = await signIn(app, newAccount());
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().role, 'visitor');
  });

  it('refuses a message replayed with its consumed nonce', async (t) => {
    const { app, loginFailures } = await build(t);
    const { message, signature, response } = await signIn(app, newAccount());
    assert.equal(response.statusCode, 200);
    const replay = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature } });
    assert.equal(replay.statusCode, 401);
    assert.deepEqual(replay.json(), NONCE_REFUSED);
    assert.deepEqual(loginFailures(), ['unknown_nonce']);
  });

  it('refuses a nonce it never issued', async (t) => {
    const { app, loginFailures } = await build(t);
    const account = newAccount();
    const message = createSiweMessage({ domain: DOMAIN, uri: URI, chainId, address: account.address, nonce: 'abcdef0123456789abcdef01', version: '1', issuedAt: new Date() });
    const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature: await account.signMessage({ message }) } });
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), NONCE_REFUSED);
    assert.deepEqual(loginFailures(), ['unknown_nonce']);
  });

  const minutes = (n: number) => new Date(Date.now() + n * 60_000);
  const refusedMessages: Array<[string, Partial<CreateSiweMessageParameters>, string, string | (() => string)]> = [
    ['for another domain', { domain: 'evil.example' }, 'wrong_domain', `domain must be ${DOMAIN}`],
    ['for another URI', { uri: 'https://evil.example' }, 'wrong_uri', `uri must be ${URI} (with or without a trailing slash)`],
    ['from another scheme', { scheme: 'http' }, 'wrong_scheme', 'scheme must be https'],
    ['for another chain', { chainId: 1 }, 'wrong_chain', () => `chainId must be ${chainId}`],
    ['that has expired', { issuedAt: minutes(-3), expirationTime: minutes(-1) }, 'invalid_message', 'expirationTime has passed, notBefore is not reached, or version is not 1'],
    ['issued in the future', { issuedAt: minutes(2), expirationTime: minutes(7) }, 'issued_in_future', 'issuedAt is in the future; check the clock'],
    ['issued too long ago', { issuedAt: minutes(-11), expirationTime: minutes(1) }, 'stale_message', 'issuedAt is more than 10 minutes ago'],
    ['valid for longer than 10 minutes', { expirationTime: minutes(60) }, 'expiry_too_long', 'expirationTime is more than 10 minutes after issuedAt'],
    ['not valid yet', { notBefore: minutes(2) }, 'invalid_message', 'expirationTime has passed, notBefore is not reached, or version is not 1'],
  ];
  for (const [what, fields, reason, why] of refusedMessages) {
    it(`refuses a message ${what}, naming the field`, async (t) => {
      const { app, loginFailures } = await build(t);
      const { response } = await signIn(app, newAccount(), fields);
      assert.equal(response.statusCode, 401);
      assert.deepEqual(response.json(), loginFailed(typeof why === 'function' ? why() : why));
      assert.deepEqual(loginFailures(), [reason]);
    });
  }

  it('refuses a face template request as a key login, naming the purpose, and leaves its nonce to the face challenge', async (t) => {
    const { app, loginFailures } = await build(t);
    const account = newAccount();
    const n = (await app.inject({ method: 'POST', url: '/auth/nonce' })).json();
    // Built by `siwe`, as a device asking POST /auth/face/challenge for its sealed template does.
    const message = new SiweMessage({
      domain: n.domain, address: account.address, statement: n.statement, uri: n.uri, version: '1', chainId: n.chainId, nonce: n.nonce,
      issuedAt: new Date().toISOString(), resources: ['urn:identree:face-template-request'],
    }).prepareMessage();
    const signature = await account.signMessage({ message });
    const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature } });
    assert.equal(response.statusCode, 401, response.body);
    assert.deepEqual(response.json(), loginFailed('resources carry urn:identree:face-…, so the message was signed for face login, not for a key login: a face template request goes to POST /auth/face/challenge, a face match to POST /auth/face/login'));
    assert.deepEqual(loginFailures(), ['wrong_purpose']);
    // The face challenge route's check (the plugin's verify, without the refusal) still takes the message, once.
    assert.deepEqual(await app.signIn.verify(message, signature), { ok: true, address: account.address });
    assert.equal((await app.signIn.verify(message, signature)).ok, false);
  });

  it('refuses a signed face match report as a key login too', async (t) => {
    const { app, loginFailures } = await build(t);
    const { response } = await signIn(app, newAccount(), { resources: [`urn:identree:face-match:0x${'ab'.repeat(32)}`] });
    assert.equal(response.statusCode, 401, response.body);
    assert.deepEqual(loginFailures(), ['wrong_purpose']);
  });

  it('still logs in a message carrying other resources', async (t) => {
    const { app } = await build(t);
    const { response } = await signIn(app, newAccount(), { resources: ['https://example.org/terms'] });
    assert.equal(response.statusCode, 200, response.body);
  });

  it('refuses a message signed by another account with the same answer whether the account is registered or not', async (t) => {
    const { app, roles, loginFailures } = await build(t);
    const victim = newAccount();
    roles.set(victim.address, 'Government');
    const { response } = await signIn(app, victim, {}, newAccount());
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), SIGNATURE_REFUSED);
    const { response: unregistered } = await signIn(app, newAccount(), {}, newAccount());
    assert.equal(unregistered.body, response.body);
    assert.deepEqual(loginFailures(), ['bad_signature', 'bad_signature']);
  });

  it('refuses a text that is not an EIP-4361 message, naming the message', async (t) => {
    const { app, loginFailures } = await build(t);
    const account = newAccount();
    const message = 'hello';
    const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { message, signature: await account.signMessage({ message }) } });
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), loginFailed('message is not an EIP-4361 message with an EIP-55 address, domain, URI, version, chain id, nonce and issued-at'));
    assert.deepEqual(loginFailures(), ['malformed_message']);
  });

  it('answers 400 naming the field for a body of the wrong shape', async (t) => {
    const { app } = await build(t);
    const missing = await app.inject({ method: 'POST', url: '/auth/login', payload: { message: 'x' } });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(missing.json(), { error: 'invalid_request', message: "body.signature must have required property 'signature'" });
    const notHex = await app.inject({ method: 'POST', url: '/auth/login', payload: { message: 'x', signature: 'zz' } });
    assert.equal(notHex.statusCode, 400);
    assert.match(notHex.json().message, /^body\.signature /);
    const extra = await app.inject({ method: 'POST', url: '/auth/login', payload: { message: 'x', signature: '0x00', role: 'Admin' } });
    assert.equal(extra.statusCode, 400);
  });

  it('answers 429 to the 11th failed login from one IP within a minute, and only to that IP', async (t) => {
    const { app } = await build(t);
    const account = newAccount();
    const message = 'not a login message';
    const payload = { message, signature: await account.signMessage({ message }) };
    for (let i = 1; i <= 10; i++) {
      const response = await app.inject({ method: 'POST', url: '/auth/login', payload });
      assert.equal(response.statusCode, 401, `attempt ${i}`);
    }
    const limited = await app.inject({ method: 'POST', url: '/auth/login', payload });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().error, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const otherIp = await app.inject({ method: 'POST', url: '/auth/login', payload, remoteAddress: '192.0.2.7' });
    assert.equal(otherIp.statusCode, 401);
  });

  it('does not count successful logins towards the limit', async (t) => {
    const { app } = await build(t, { failedLoginLimit: { max: 2, timeWindow: '1 minute' } });
    for (let i = 0; i < 5; i++) assert.equal((await signIn(app, newAccount())).response.statusCode, 200);
  });

  // Minimal ERC-1271 wallets: runtime code answering every call with a fixed bytes4.
  const approvingWallet = '0x631626ba7e60e01b60005260206000f3'; // isValidSignature's magic value
  const refusingWallet = '0x63ffffffff60e01b60005260206000f3';

  it('logs in a smart account whose ERC-1271 check approves the signature', async (t) => {
    const { app } = await build(t);
    const wallet = newAccount().address;
    await anvil.test.setCode({ address: wallet, bytecode: approvingWallet });
    const { response } = await signIn(app, { ...newAccount(), address: wallet } as LocalAccount, {}, newAccount());
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().address, wallet);
  });

  it('refuses a smart account whose ERC-1271 check refuses the signature', async (t) => {
    const { app, loginFailures } = await build(t);
    const owner = newAccount();
    const wallet = newAccount().address;
    await anvil.test.setCode({ address: wallet, bytecode: refusingWallet });
    const { response } = await signIn(app, { ...owner, address: wallet } as LocalAccount, {}, owner);
    assert.equal(response.statusCode, 401);
    assert.deepEqual(response.json(), SIGNATURE_REFUSED);
    assert.deepEqual(loginFailures(), ['bad_signature']);
  });

  it('logs EOAs in without the chain, and refuses everything else when the chain is unreachable', async (t) => {
    const unreachable = createPublicClient({ transport: http('http://127.0.0.1:1', { retryCount: 0 }) });
    const { app, loginFailures } = await build(t, { publicClient: unreachable });
    // viem falls back to recovering the signer, which needs no node.
    assert.equal((await signIn(app, newAccount())).response.statusCode, 200);
    const { response } = await signIn(app, newAccount(), {}, newAccount());
    assert.equal(response.statusCode, 401);
    assert.match(response.json().message, /^login failed: signature/);
    // viem reports a failed call as an invalid signature: an outage reads as bad_signature.
    assert.deepEqual(loginFailures(), ['bad_signature']);
  });
});

describe('authenticate and requireAuth', () => {
  const login = async (app: FastifyInstance, account: LocalAccount) => (await signIn(app, account)).response.json().accessToken as string;
  const get = (app: FastifyInstance, url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('sets request.user from a valid token', async (t) => {
    const { app, roles } = await build(t);
    const account = newAccount();
    roles.set(account.address, 'Government');
    const token = await login(app, account);
    const me = await get(app, '/me', token);
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), { address: account.address, role: 'Government' });
    assert.equal((await get(app, '/government-only', token)).statusCode, 200);
  });

  it('answers 401 without a token', async (t) => {
    const { app } = await build(t);
    const response = await get(app, '/me');
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error, 'unauthorized');
    assert.equal(response.headers['www-authenticate'], 'Bearer');
  });

  it('answers 401 to a tampered token', async (t) => {
    const { app } = await build(t);
    const token = await login(app, newAccount());
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'Government' })).toString('base64url');
    const response = await get(app, '/government-only', `${header}.${forged}.${signature}`);
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error, 'unauthorized');
    assert.equal(response.headers['www-authenticate'], 'Bearer error="invalid_token"');
  });

  it('answers 401 to an unsigned token', async (t) => {
    const { app } = await build(t);
    const account = newAccount();
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const token = `${part({ alg: 'none', typ: 'at+jwt' })}.${part({ iss: ISSUER, aud: 'identree-api', sub: account.address, role: 'Government', iat: now, exp: now + 900 })}.`;
    assert.equal((await get(app, '/me', token)).statusCode, 401);
  });

  it('answers 401 to an expired token, and to one for another issuer or audience', async (t) => {
    const { app } = await build(t);
    const signing = await import('@identree/store').then((m) => m.loadSigningKey({ key }));
    const sign = (claims: { iss?: string; aud?: string; iat?: number; exp?: number }) =>
      new SignJWT({ role: 'Government' })
        .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid, typ: 'at+jwt' })
        .setSubject(newAccount().address)
        .setIssuer(claims.iss ?? ISSUER)
        .setAudience(claims.aud ?? 'identree-api')
        .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000))
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 900)
        .sign(signing.privateKey);
    const now = Math.floor(Date.now() / 1000);
    assert.equal((await get(app, '/me', await sign({}))).statusCode, 200, 'the control token is accepted');
    assert.equal((await get(app, '/me', await sign({ iat: now - 1000, exp: now - 100 }))).statusCode, 401);
    assert.equal((await get(app, '/me', await sign({ iss: 'https://other.example' }))).statusCode, 401);
    assert.equal((await get(app, '/me', await sign({ aud: 'other-api' }))).statusCode, 401);
  });

  it('answers 403 to a role not allowed', async (t) => {
    const { app } = await build(t);
    const token = await login(app, newAccount());
    const response = await get(app, '/government-only', token);
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error, 'forbidden');
  });
});

describe('signing key', () => {
  it('publishes other service keys without accepting tokens they sign', async (t) => {
    const other = await loadSigningKey({ key: await exportJWK((await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })).privateKey) });
    const { app } = await build(t, { publishedKeys: [other.publicJwk] });
    const published = await jwks(app);
    assert.deepEqual(published.keys.map((k) => k.kid).sort(), [other.kid, published.keys[0]!.kid].sort());

    const account = newAccount();
    const token = (await signIn(app, account)).response.json().accessToken as string;
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part!, 'base64url').toString()));
    const forged = await new SignJWT(payload).setProtectedHeader({ ...header, kid: other.kid }).sign(other.privateKey);
    const me = (bearer: string) => app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${bearer}` } });
    assert.equal((await me(token)).statusCode, 200, 'the token key signs tokens');
    assert.equal((await me(forged)).statusCode, 401, 'the same claims under a published-only key are refused');
  });

  it('is generated on first start, persisted, and kept across restarts', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'identree-auth-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const keyFile = path.join(dir, 'keys', 'auth-signing-key.jwk.json');

    const first = await build(t, { key: undefined, keyFile });
    const account = newAccount();
    const token = (await signIn(first.app, account)).response.json().accessToken as string;
    const kid = (await jwks(first.app)).keys[0]!.kid;
    assert.equal(decodeProtectedHeader(token).kid, kid);
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    await first.app.close();

    const second = await build(t, { key: undefined, keyFile });
    assert.equal((await jwks(second.app)).keys[0]!.kid, kid);
    const me = await second.app.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().address, account.address);
  });
});
