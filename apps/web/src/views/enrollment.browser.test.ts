import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createWalletClient, http, publicActions, type Address, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { devAccount } from '@identree/devchain';
import { generateDocument } from '@identree/documents';
import { accreditVerifier, enrollDocument, getFieldAssignments, identreeActions } from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';
import { accessibilityProblems, chromiumMissing, freePort, launchChromium, openApp, SCREENSHOTS, startAllScript } from '../testing/browser.js';

// Document enrollment in Debian's Chromium against the embedded stack with DOCUMENT_ENROLLMENT=1: the
// enrollee uploads a generated residence card in the wallet and reads what was read; after the
// enrollee's key records it on chain, an assigned verifier confirms one field and corrects another,
// each signed in the page (EIP-712) and accepted by the service.
describe('document enrollment, in Chromium', { skip: chromiumMissing }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let api: string;
  let rpcUrl: string;
  let enrollmentRegistry: Address;
  const enrolleeKey = generatePrivateKey();
  const enrollee = privateKeyToAccount(enrolleeKey);
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
    await government.sendTransaction({ to: enrollee.address, value: 10n ** 17n });
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
    await context.close();
  });

  it('lets an assigned verifier confirm one field and correct another, signed in the page', async () => {
    assert.ok(submitted, 'the upload of the first test');
    // The page cannot send the enrollee's transaction yet; the enrollee's key records it here.
    const wallet = createWalletClient({ account: enrollee, chain: chain(), transport: http(rpcUrl) }).extend(publicActions);
    const { enrollment } = await enrollDocument(wallet, { enrollmentRegistry, imageHash: submitted.imageHash, fieldsRoot: submitted.fieldsRoot, fieldCount: submitted.fieldCount });
    assert.equal(enrollment, submitted.enrollment);
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
});
