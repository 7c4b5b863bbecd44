import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createAgent, type ICredentialVerifier, type IResolver } from '@veramo/core';
import { CredentialProviderEIP712 } from '@veramo/credential-eip712';
import { CredentialPlugin } from '@veramo/credential-w3c';
import { DIDResolverPlugin } from '@veramo/did-resolver';
import { verifyCredential } from 'did-jwt-vc';
import { Resolver } from 'did-resolver';
import { createWalletClient, http, publicActions, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { createSiweMessage } from 'viem/siwe';
import { devAccount, devPrivateKey } from '@identree/devchain';
import { identreeActions, openCredential, type CredentialEnvelope, type Eip712SecuredCredential, type IdentreeCredential } from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';
import { injectTestWallet } from '../testing/injectedTestWallet.js';
import { accessibilityProblems, chromiumMissing, freePort, launchChromium, openApp, pageErrors, SCREENSHOTS, startAllScript } from '../testing/browser.js';

const jwtPayload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

/** Sign-In with Ethereum from Node, as the holder's own app would: afterwards the service knows the holder's public key. */
async function signInAs(api: string, account: PrivateKeyAccount): Promise<string> {
  const fields = (await (await fetch(`${api}/auth/nonce`, { method: 'POST' })).json()) as { nonce: string; domain?: string; uri?: string; chainId?: number; statement?: string };
  const message = createSiweMessage({
    domain: fields.domain ?? new URL(api).host, uri: fields.uri ?? api, chainId: fields.chainId ?? foundry.id, statement: fields.statement,
    nonce: fields.nonce, version: '1', address: account.address, issuedAt: new Date(),
  });
  const res = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, signature: await account.signMessage({ message }) }) });
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { accessToken: string }).accessToken;
}

// The issuer's desk in Chromium: birth certificates for a whole CSV file, one signed anchor per
// line, with a progress bar; a line the schema refuses and a line without an address are reported
// with their reasons while the others are issued. The credentials carry their vc+jwt form, signed in
// the page, which did-jwt-vc (not ours) verifies in Node through the service's DID resolution.
describe('issuing from a CSV file, in Chromium', { skip: chromiumMissing }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let api: string;
  const keys: Hex[] = [generatePrivateKey(), generatePrivateKey()];
  const people = keys.map((k) => privateKeyToAccount(k));
  let holderToken: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-issuer-browser-'));
    const port = await freePort();
    stack = await bootStack(startAllScript, { DATA_DIR: dataDir, PORT: String(port) }, /Identree identity service on/);
    api = `http://127.0.0.1:${port}`;
    const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
    const { registry } = (await (await fetch(`${api}/health`)).json()) as { registry: Address };
    const government = createWalletClient({ account: devAccount(0), chain: { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } }, transport: http(rpcUrl) })
      .extend(publicActions).extend(identreeActions(registry));
    for (const p of people) await government.registerEntity({ entity: p.address, kind: 'Person' });
    // The second person has signed in once, so the desk delivers to their wallet; the first has not.
    holderToken = await signInAs(api, people[1]!);
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('issues every good line of a CSV file, shows the progress, and says why the others were not issued', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await openApp(page, `${api}/app/issuer`);
    await page.getByLabel('Private key to import').fill(devPrivateKey(0));
    await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
    await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
    await page.getByRole('heading', { name: 'Issue many from a CSV file' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Credential for every line').selectOption('BirthCertificate');
    const csv = [
      'holder,givenName,fatherLastName,birthDate,sex,municipality,state',
      `${people[0]!.address},Ana,García,1990-05-17,F,Toluca,México`,
      `${people[1]!.address},"Luis, Jr.",Pérez,2001-02-03,M,Metepec,México`,
      `${people[1]!.address},Eva,Ruiz,2001-02-03,Q,Metepec,México`,
      'nobody,Sin,Dirección,2001-02-03,F,Metepec,México',
    ].join('\n');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'births.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('4 credentials to issue.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Issue 4 credentials' }).click();
    await page.getByText(/^Done: 2 issued, 2 not issued/).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('#csv-progress').getAttribute('value'), '4');
    const lines = await page.locator('ol.outcomes li').allInnerTexts();
    assert.match(lines[0]!, /^Line 2, 0x.*: issued; the holder has not signed in yet, so give them this file and its signed form$/);
    assert.match(lines[1]!, /^Line 3, 0x.*: issued and delivered$/);
    assert.match(lines[2]!, /^Line 4, 0x.*: not issued: .*sex/);
    assert.match(lines[3]!, /^Line 5, nobody: not issued: the holder column must be an address/);
    const held = (await (await fetch(`${api}/entities/${people[1]!.address}/credentials`)).json()) as { credentials: { type: string }[] };
    assert.deepEqual(held.credentials.map((c) => c.type), ['BirthCertificate'], 'the refused line anchored nothing');

    // The vc+jwt forms the page signed, checked by did-jwt-vc with did-resolver and the service's
    // GET /dids/{did}: the one offered as a file, and the one sealed into the holder's delivery.
    const resolver = new Resolver({ identree: async (did) => (await fetch(`${api}/dids/${did}`)).json() });
    const offered = decodeURIComponent((await page.locator('ol.outcomes li').first().getByRole('link', { name: 'its signed form' }).getAttribute('href'))!.replace(/^data:application\/vc\+jwt,/, ''));
    const delivery = await fetch(`${api}/me/credentials`, { headers: { authorization: `Bearer ${holderToken}` } });
    const [sealed] = ((await delivery.json()) as { credentials: { envelope: CredentialEnvelope; ciphertext: string }[] }).credentials;
    assert.ok(sealed, 'the signed-in holder received the credential');
    const opened = openCredential({ envelope: sealed.envelope, ciphertext: sealed.ciphertext, privateKey: keys[1]! }) as { credential: IdentreeCredential; jwt?: string };
    assert.ok(opened.jwt, 'the delivery carries the vc+jwt form, as the CLI\'s does');
    const issuerDid = opened.credential.issuer;
    assert.match(issuerDid, new RegExp(`^did:identree:\\d+:${devAccount(0).address}$`, 'i'), 'the issuer is the identity the registry named');
    for (const [jwt, holder] of [[offered, people[0]!], [opened.jwt, people[1]!]] as const) {
      // did-jwt-vc 4 checks the VC 1.1 data model's @context; ours is VC 2.0 (VC-JOSE-COSE), so its
      // data-model check is off here. The signature, the issuer's key through the DID document, nbf and exp are checked.
      const verified = await verifyCredential(jwt, resolver as never, { policies: { format: false } });
      assert.equal(verified.issuer, issuerDid);
      assert.equal(verified.signer.id, `${issuerDid}#controller`);
      assert.match(verified.verifiableCredential.credentialSubject.id!, new RegExp(`${holder.address}$`, 'i'));
      assert.ok(verified.verifiableCredential.type.includes('BirthCertificate'));
    }
    assert.deepEqual(jwtPayload(opened.jwt).credentialSubject, opened.credential.credentialSubject, 'the JWT secures the very credential delivered');
    const [head, , signature] = opened.jwt.split('.');
    const altered = `${head}.${Buffer.from(JSON.stringify({ ...jwtPayload(opened.jwt), validUntil: '2099-01-01T00:00:00Z' })).toString('base64url')}.${signature}`;
    await assert.rejects(verifyCredential(altered, resolver as never, { policies: { format: false } }), /invalid_signature/, 'an altered credential is refused');
    assert.deepEqual(errors.map((e) => e.message), [], 'the page threw nothing');

    assert.deepEqual(await accessibilityProblems(page), [], 'the issuer\'s desk has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'issuer-csv.png'), fullPage: true });
    await context.close();
  });
  // An issuer who signs with a wallet extension: the anchor goes through the sponsor's relay (the
  // wallet signs the AuthorityCall), and the credential is secured with an EIP-712 proof the wallet
  // signs (eth_signTypedData_v4), which Veramo's EIP-712 verifier (not ours) checks in Node through
  // the service's GET /dids/{did}; the same document with a changed claim is refused.
  it('delivers the EIP-712 form signed by the issuer\'s wallet extension, which Veramo verifies', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const { chainId } = (await (await fetch(`${api}/health`)).json()) as { chainId: number };
    const wallet = await injectTestWallet(context, devPrivateKey(0), { chainId });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await openApp(page, `${api}/app/issuer`);
    await page.getByRole('button', { name: 'Use my wallet extension instead' }).click();
    await page.getByRole('heading', { name: 'Issue many from a CSV file' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('Credential for every line').selectOption('BirthCertificate');
    const csv = [
      'holder,givenName,fatherLastName,birthDate,sex,municipality,state',
      `${people[1]!.address},Rosa,Luna,1999-09-09,F,Toluca,México`,
      `${people[0]!.address},Inés,Sol,1998-08-08,F,Toluca,México`,
    ].join('\n');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Issue 2 credentials' }).click();
    await page.getByText(/^Done: 2 issued/).waitFor({ timeout: 60_000 });
    const lines = await page.locator('ol.outcomes li').allInnerTexts();
    assert.match(lines[0]!, /issued and delivered$/);
    assert.match(lines[1]!, /the holder has not signed in yet, so give them this file and its signed form$/);
    const offered = JSON.parse(decodeURIComponent((await page.locator('ol.outcomes li').nth(1).getByRole('link', { name: 'its signed form' }).getAttribute('href'))!.replace(/^data:application\/vc\+ld\+json,/, ''))) as Eip712SecuredCredential;
    assert.ok(wallet.requests.includes('eth_signTypedData_v4'), `the wallet signed typed data (asked: ${wallet.requests.join(', ')})`);

    const delivery = await fetch(`${api}/me/credentials`, { headers: { authorization: `Bearer ${holderToken}` } });
    const opened = ((await delivery.json()) as { credentials: { envelope: CredentialEnvelope; ciphertext: string }[] }).credentials
      .map((sealed) => openCredential({ envelope: sealed.envelope, ciphertext: sealed.ciphertext, privateKey: keys[1]! }) as { credential: IdentreeCredential; jwt?: string; eip712?: Eip712SecuredCredential })
      .find((c) => c.credential.credentialSubject.givenName === 'Rosa');
    assert.ok(opened?.eip712, 'the delivery carries the EIP-712 form');
    assert.equal(opened.jwt, undefined, 'a wallet extension signs no vc+jwt');
    assert.deepEqual(opened.eip712.credentialSubject, opened.credential.credentialSubject, 'the EIP-712 form secures the very claims delivered');
    assert.equal(opened.eip712.issuer, opened.credential.issuer);
    const contextUrl = (opened.eip712['@context'] as string[])[1]!;
    assert.equal(contextUrl, `${api}/contexts/credentials/v1`, 'the form names the vocabulary the service publishes');
    assert.deepEqual(await (await fetch(contextUrl)).json(), { '@context': opened.credential['@context'][1] }, 'published as the document carries it inline');

    const resolver = new Resolver({ identree: async (did) => (await fetch(`${api}/dids/${did}`)).json() });
    const veramo = createAgent<IResolver & ICredentialVerifier>({
      plugins: [new DIDResolverPlugin({ resolver: resolver as never }), new CredentialPlugin([new CredentialProviderEIP712()])],
    });
    // The status lists are Bitstring Status Lists, which Veramo's status plugins do not read; the signature and the issuer's key are checked.
    const check = (credential: unknown) => veramo.verifyCredential({ credential: credential as never, policies: { credentialStatus: false } });
    for (const secured of [opened.eip712, offered]) {
      const honest = await check(secured);
      assert.equal(honest.verified, true, JSON.stringify(honest.error));
    }
    assert.match((offered.credentialSubject as { id: string }).id, new RegExp(`${people[0]!.address}$`, 'i'));
    const altered = await check({ ...opened.eip712, credentialSubject: { ...(opened.eip712.credentialSubject as object), birthDate: '1980-01-01' } });
    assert.equal(altered.verified, false, 'an altered credential is refused');
    assert.equal(altered.error?.errorCode, 'invalid_signature');
    assert.deepEqual(errors.map((e) => e.message), [], 'the page threw nothing');
    await context.close();
  });
});
