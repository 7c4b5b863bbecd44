import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as wallet from 'openid-client';
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
  const holder = privateKeyToAccount(generatePrivateKey());
  let govToken: string;
  let sdJwt: string;
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

    const config = await discover();
    const tokens = await wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': code });
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
    await assert.rejects(wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': code }), (e: unknown) => (e as { error?: string }).error === 'invalid_grant');
  });

  it('refuses a code it never issued, and an offer from anyone but the credential\'s issuer', async () => {
    const config = await discover();
    await assert.rejects(wallet.genericGrantRequest(config, PRE_AUTHORIZED_GRANT, { 'pre-authorized_code': 'made-up-code' }), (e: unknown) => (e as { error?: string }).error === 'invalid_grant');
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
