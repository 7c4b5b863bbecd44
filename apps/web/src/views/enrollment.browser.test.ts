import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createWalletClient, http, keccak256, publicActions, stringToHex, type Address, type Hash, type PrivateKeyAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { createSiweMessage } from 'viem/siwe';
import { devAccount, devPrivateKey } from '@identree/devchain';
import { generateDocument } from '@identree/documents';
import {
  CredentialType, accreditVerifier, enrollDocumentBySignature, getEnrollment, getFieldAssignments, identreeActions, recordConfirmations, signEnrollment, signFieldConfirmation,
} from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';
import { accessibilityProblems, chromiumMissing, freePort, launchChromium, openApp, SCREENSHOTS, startAllScript } from '../testing/browser.js';

// Document enrollment in Debian's Chromium against the embedded stack with DOCUMENT_ENROLLMENT=1: the
// enrollee uploads a generated residence card in the wallet, reads what was read and records it on chain
// by signing in the page (the service relays it; the enrollee's key holds no ether); an assigned verifier
// confirms one field and corrects another, each signed in the page (EIP-712) and accepted by the service;
// on a second document whose every field passed, the identity provider attests in the page, and anyone
// else is refused in words.

/** Sign-In with Ethereum from Node, as another app of the user's would. */
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
describe('document enrollment, in Chromium', { skip: chromiumMissing }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let api: string;
  let rpcUrl: string;
  let enrollmentRegistry: Address;
  const enrolleeKey = generatePrivateKey();
  const enrollee = privateKeyToAccount(enrolleeKey);
  const secondEnrollee = privateKeyToAccount(generatePrivateKey());
  const verifierKeys = Array.from({ length: 30 }, () => generatePrivateKey());
  const document = generateDocument({ templateId: 'residence-card', seed: 'web enrollment', index: 0 });
  let photo: string;
  let submitted: { enrollment: Hash; imageHash: Hash; fieldsRoot: Hash; fieldCount: number } | undefined;

  const chain = () => ({ ...foundry, rpcUrls: { default: { http: [rpcUrl] } } });

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-enrollment-browser-'));
    photo = path.join(dataDir, 'residence-card.png');
    await writeFile(photo, document.clean);
    const port = await freePort();
    stack = await bootStack(startAllScript, { DATA_DIR: dataDir, PORT: String(port), DOCUMENT_ENROLLMENT: '1' }, /Identree identity service on/);
    api = `http://127.0.0.1:${port}`;
    rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
    enrollmentRegistry = /^\s*enrollment\s+(0x[0-9a-fA-F]{40})/m.exec(stack.output())![1]! as Address;
    const { registry } = (await (await fetch(`${api}/health`)).json()) as { registry: Address };
    const government = createWalletClient({ account: devAccount(0), chain: chain(), transport: http(rpcUrl) }).extend(publicActions);
    const root = government.extend(identreeActions(registry));
    await root.registerEntity({ entity: enrollee.address, kind: 'Person' });
    await root.registerEntity({ entity: secondEnrollee.address, kind: 'Person' });
    for (const key of verifierKeys) {
      const verifier = privateKeyToAccount(key).address;
      await root.registerEntity({ entity: verifier, kind: 'Person' });
      await accreditVerifier(government, { enrollmentRegistry, verifier });
    }
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const importKey = async (page: Page, key: string) => {
    await page.getByLabel('Private key to import').fill(key);
    await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
    await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
  };
  const alerts = async (page: Page) => `alerts on the page: ${await page.locator('[role=alert]').allInnerTexts()}`;

  it('reads an uploaded residence card in the wallet and shows each field in words', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${api}/app/wallet`);
    await importKey(page, enrolleeKey);
    await page.getByRole('heading', { name: 'Enroll an identity document' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Kind of document').selectOption('residence-card');

    await page.getByLabel('Photo of the document (PNG or JPEG)').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') });
    await page.getByRole('button', { name: 'Read my document' }).click();
    await page.getByText('That file is not a photo we can read (PNG or JPEG).').waitFor({ timeout: 60_000 }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(page)}`); });

    await page.getByLabel('Photo of the document (PNG or JPEG)').setInputFiles(photo);
    // The answer is read on its way to the page (its salts and root are what the enrollee records).
    let status = 0;
    let body = '';
    await page.route('**/enrollments/documents**', async (route) => {
      const response = await route.fetch({ timeout: 120_000 });
      status = response.status();
      body = await response.text();
      await route.fulfill({ response });
    });
    await page.getByRole('button', { name: 'Read my document' }).click();
    await page.getByRole('heading', { name: 'What was read' }).waitFor({ timeout: 120_000 }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(page)}`); });
    assert.equal(status, 201, body);
    submitted = JSON.parse(body) as typeof submitted;
    assert.equal(await page.getByRole('table').locator('tbody tr').count(), 10);
    assert.equal(await page.getByRole('row', { name: /^Name / }).locator('td').first().innerText(), document.truth.Name);
    await page.getByText('Status: not recorded on chain yet.').waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the enrollment section has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enrollment-wallet.png'), fullPage: true });

    // The key signs the Enroll message in the page; the service relays it and pays.
    await page.getByRole('button', { name: 'Sign and record it on chain' }).click();
    await page.getByText('Recorded on chain.').waitFor({ timeout: 30_000 }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(page)}`); });
    await page.getByText('Status: recorded; verifiers are checking its fields.').waitFor({ timeout: 10_000 });
    const reader = createWalletClient({ chain: chain(), transport: http(rpcUrl) }).extend(publicActions);
    assert.equal((await getEnrollment(reader as never, { enrollmentRegistry, enrollment: submitted!.enrollment }))?.fieldCount, 10, 'recorded on chain under the enrollee\'s id');
    assert.equal(await reader.getBalance({ address: enrollee.address }), 0n, 'the enrollee\'s key paid nothing');
    assert.deepEqual(await accessibilityProblems(page), [], 'the recorded enrollment has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enrollment-wallet-recorded.png'), fullPage: true });
    await context.close();
  });

  it('lets an assigned verifier confirm one field and correct another, signed in the page', async () => {
    assert.ok(submitted, 'the upload and record of the first test');
    const wallet = createWalletClient({ chain: chain(), transport: http(rpcUrl) }).extend(publicActions);
    const { enrollment } = submitted;
    // The verifiers are drawn from the next block's hash.
    await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_mine', params: ['0x1'] }) });
    const assignments = await getFieldAssignments(wallet, { enrollmentRegistry, enrollment });
    const key = verifierKeys.find((k) => assignments.filter((a) => a.verifier.toLowerCase() === privateKeyToAccount(k).address.toLowerCase()).length >= 2)!;
    assert.ok(key, 'some verifier holds two fields');
    const mine = assignments.filter((a) => a.verifier.toLowerCase() === privateKeyToAccount(key).address.toLowerCase());
    assert.ok(new Set(mine.map((a) => a.field)).size <= 2);

    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await openApp(page, `${api}/app/enrollment-tasks?enrollment=${enrollment}`);
    await importKey(page, key).catch(async (e: Error) => { throw new Error(`${e.message}\npage: ${await page.locator('main').innerText()}`); });
    const cards = page.locator('section.card:has(img)');
    await cards.first().waitFor({ timeout: 30_000 }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(page)}`); });
    assert.equal(await cards.count(), mine.length, 'only the assigned fields are shown');
    assert.equal(await page.locator('section.card img').count(), mine.length, 'one crop per assigned field, no whole document');
    assert.deepEqual(await accessibilityProblems(page), [], 'the verifier desk has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enrollment-tasks.png'), fullPage: true });

    await cards.nth(0).getByRole('button', { name: 'Yes, it matches' }).click();
    await cards.nth(0).getByText('Confirmed and signed. Thank you.').waitFor({ timeout: 20_000 }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(page)}`); });
    await cards.nth(1).getByRole('button', { name: 'No, correct it' }).click();
    await cards.nth(1).getByLabel('What the picture says').fill('SOMETHING ELSE');
    await cards.nth(1).getByRole('button', { name: 'Sign my correction' }).click();
    await cards.nth(1).getByText('Correction signed and sent: “SOMETHING ELSE”.').waitFor({ timeout: 20_000 }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(page)}`); });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'enrollment-tasks-answered.png'), fullPage: true });
    await context.close();
  });

  it('lets the identity provider attest a document whose every field passed, and refuses anyone else in words', async () => {
    // A second document, uploaded and recorded through the API; its thirty answers go on chain in one
    // batch from the provider's key (what POST …/attestation does with the answers it holds), so every
    // field has passed before anyone opens the page.
    const token = await signInAs(api, secondEnrollee);
    const upload = await fetch(`${api}/enrollments/documents?template=residence-card`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' }, body: new Uint8Array(document.clean) });
    assert.equal(upload.status, 201, await upload.clone().text());
    const second = (await upload.json()) as { enrollment: Hash; imageHash: Hash; fieldsRoot: Hash; fieldCount: number; openings: { fieldHash: Hash; textHash: Hash }[] };
    const provider = createWalletClient({ account: devAccount(0), chain: chain(), transport: http(rpcUrl) }).extend(publicActions);
    const signed = await signEnrollment(provider as never, { account: secondEnrollee, enrollmentRegistry, imageHash: second.imageHash, fieldsRoot: second.fieldsRoot, fieldCount: second.fieldCount });
    await enrollDocumentBySignature(provider as never, { enrollmentRegistry, ...signed });
    await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_mine', params: ['0x1'] }) });
    const byAddress = new Map(verifierKeys.map((k) => [privateKeyToAccount(k).address.toLowerCase(), privateKeyToAccount(k)]));
    const assignments = (await getFieldAssignments(provider as never, { enrollmentRegistry, enrollment: second.enrollment }));
    const confirmations = await Promise.all(assignments.map((a) => signFieldConfirmation(provider as never, {
      account: byAddress.get(a.verifier.toLowerCase())!, enrollmentRegistry, enrollment: second.enrollment, field: a.field, slot: a.slot,
      fieldHash: second.openings[a.field]!.fieldHash, committedTextHash: second.openings[a.field]!.textHash,
    })));
    await recordConfirmations(provider as never, { enrollmentRegistry, enrollment: second.enrollment, confirmations });
    const credentialCommitment = keccak256(stringToHex('second enrollee residence card attribute tree'));
    const { registry } = (await (await fetch(`${api}/health`)).json()) as { registry: Address };
    await provider.extend(identreeActions(registry)).anchorCredential({ subject: secondEnrollee.address, credentialType: CredentialType.Passport, commitment: credentialCommitment });

    const attestAs = async (key: Hash, shot: string) => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await openApp(page, `${api}/app/enrollment?enrollment=${second.enrollment}`);
      await importKey(page, key);
      await page.getByRole('heading', { name: 'Every field passed' }).waitFor({ timeout: 30_000 }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(page)}\npage: ${await page.locator('main').innerText()}`); });
      assert.equal(await page.getByRole('row').filter({ hasText: 'passed' }).count(), 10, 'each of the ten fields passed');
      await page.getByLabel('Commitment of the credential you anchored for the enrollee').fill(credentialCommitment);
      await page.getByRole('button', { name: 'Attest this enrollment' }).click();
      return { page, context, shot: () => page.screenshot({ path: path.join(SCREENSHOTS, shot), fullPage: true }) };
    };

    const stranger = await attestAs(verifierKeys[0]!, 'enrollment-attest-refused.png');
    await stranger.page.getByText('Only the identity provider that runs this service can attest enrollments.').waitFor({ timeout: 20_000 })
      .catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(stranger.page)}`); });
    assert.deepEqual(await accessibilityProblems(stranger.page), [], 'the refusal has no serious accessibility violation');
    await stranger.shot();
    await stranger.context.close();
    assert.equal((await getEnrollment(provider as never, { enrollmentRegistry, enrollment: second.enrollment }))?.status, 'Open', 'the refusal recorded nothing');

    const ours = await attestAs(devPrivateKey(0), 'enrollment-attested.png');
    await ours.page.getByText('Status: attested by the identity provider.').waitFor({ timeout: 30_000 })
      .catch(async (e: Error) => { throw new Error(`${e.message}\n${await alerts(ours.page)}`); });
    assert.equal((await getEnrollment(provider as never, { enrollmentRegistry, enrollment: second.enrollment }))?.status, 'Attested');
    assert.deepEqual(await accessibilityProblems(ours.page), [], 'the attested enrollment has no serious accessibility violation');
    await ours.shot();
    await ours.context.close();
  });
});
