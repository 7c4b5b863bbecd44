import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createPublicClient, createWalletClient, http, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { devAccount } from '@identree/devchain';
import { commitAttributes, CredentialType, identreeActions } from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';
import { startRelyingParty } from './relyingParty.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Debian's Chromium, as CI installs it (apt-get install chromium); launch flags from the project's notes.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const skip = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium, or CHROMIUM_PATH): skipped the browser test of Sign in with Identree`;
/** Screenshots of each view, kept as CI artifacts. */
export const SCREENSHOTS = path.resolve(fileURLToPath(new URL('../../../artifacts/screenshots', import.meta.url)));
const startAll = createRequire(import.meta.url).resolve('@identree/stack/testing').replace(/testing\/stackProcess\.ts$/, 'startAll.ts');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** axe-core (not ours) in the page: serious and critical violations, each with the rule and the elements. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(async () => (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run());
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Sign in with Identree, clicked through in Chromium from the example site', { skip }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let site: Awaited<ReturnType<typeof startRelyingParty>>;
  let browser: Browser;
  const citizenKey = generatePrivateKey();
  const citizen = privateKeyToAccount(citizenKey);
  let passport: `0x${string}`;
  let api: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-oidc-browser-'));
    const [port, sitePort] = [await freePort(), await freePort()];
    const clients = [{ client_id: 'example-site', client_name: 'Example Bank', redirect_uris: [`http://127.0.0.1:${sitePort}/callback`], client_secret: 'example-site-secret-0123' }];
    stack = await bootStack(startAll, { DATA_DIR: dataDir, PORT: String(port), OIDC_CLIENTS: JSON.stringify(clients) }, /Identree identity service on/);
    api = `http://127.0.0.1:${port}`;
    const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
    const { registry } = (await (await fetch(`${api}/health`)).json()) as { registry: Address };
    // The government (dev account #0, root) registers the citizen and anchors a passport; the citizen links it.
    const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
    const government = createWalletClient({ account: devAccount(0), chain, transport: http(rpcUrl) }).extend(identreeActions(registry));
    await government.registerEntity({ entity: citizen.address, kind: 'Person' });
    ({ uid: passport } = await government.anchorCredential({ subject: citizen.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P-77' }).commitment }));
    await createWalletClient({ account: devAccount(0), chain, transport: http(rpcUrl) }).sendTransaction({ to: citizen.address, value: 10n ** 17n });
    await createWalletClient({ account: citizen, chain, transport: http(rpcUrl) }).extend(identreeActions(registry)).linkCredential({ uid: passport });
    const reader = createPublicClient({ chain, transport: http(rpcUrl) });
    assert.ok(await reader.getBlockNumber());
    for (let i = 0; i < 100; i++) {
      const tree = await fetch(`${api}/entities/${citizen.address}/tree`);
      if (tree.ok && ((await tree.json()) as { credentials: unknown[] }).credentials.length === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    site = await startRelyingParty({ issuer: api, clientId: 'example-site', clientSecret: 'example-site-secret-0123', port: sitePort });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    site?.server.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs a citizen in with a key kept in the browser, releasing the passport the citizen ticked', async () => {
    // The page's Content-Security-Policy forbids inline scripts, axe's included: the test context alone bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(site.url);
    const [loginPage] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/app/oidc/login'), page.getByRole('link', { name: 'Sign in with Identree' }).click()]);
    assert.match((await loginPage.allHeaders())['content-security-policy'] ?? '', /frame-ancestors 'none'/, 'the page that holds keys cannot be framed');
    await page.getByRole('heading', { name: 'Sign in to Example Bank' }).waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the key form has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oidc-login-key.png'), fullPage: true });

    await page.getByLabel('Private key to import').fill(citizenKey);
    await page.getByLabel('Name for this key').fill('My citizen key');
    await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
    await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
    await page.getByRole('heading', { name: 'What Example Bank will learn' }).waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('identree.keys.v1') ?? '');
    assert.ok(!stored.includes(citizenKey.slice(2)), 'the private key is stored encrypted, never in clear');

    await page.getByLabel(/Your Passport, certified by a government/).check();
    await page.getByText(/will learn your identity, that you are a registered person, and that you hold a Passport/).waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the release form has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oidc-login-release.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign in and share' }).click();
    await page.waitForURL(`${site.url}/callback**`);
    assert.match(await page.locator('#who').innerText(), new RegExp(`Signed in as did:identree:.*${citizen.address.slice(2)}.*, Person`, 'i'));
    assert.equal(await page.locator('#level').innerText(), 'Assurance: GovernmentCertified');
    assert.deepEqual(await page.locator('#credentials li').allInnerTexts(), ['Passport: GovernmentCertified']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'example-site-signed-in.png'), fullPage: true });

    // The release is an access grant in the citizen's wallet: listed, logged in the timeline as the service's record, and withdrawn there.
    await page.goto(`${api}/app/wallet`);
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Open this key' }).click();
    await page.getByRole('heading', { name: 'Sites you signed in to' }).waitFor({ timeout: 20_000 });
    await page.getByText(/Example Bank received what you released at sign-in \(credential 0x/).waitFor();
    assert.match(await page.getByRole('listitem').filter({ hasText: 'Example Bank received what you released at sign-in' }).innerText(), /Recorded by the Identree service, not on chain/);
    assert.deepEqual(await accessibilityProblems(page), [], 'the wallet with sign-ins has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet-sign-ins.png'), fullPage: true });
    await page.getByRole('button', { name: 'Withdraw from Example Bank' }).click();
    await page.getByText('You withdrew it.').waitFor({ timeout: 20_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}\nalerts on the page: ${await page.locator('[role=alert]').allInnerTexts()}`);
    });
    await context.close();
  });

  it('tells a user who mistypes the passphrase what to do, and goes back without signing in on cancel', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(site.url);
    await page.getByRole('link', { name: 'Sign in with Identree' }).click();
    await page.getByLabel('Private key to import').fill(citizenKey);
    await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
    await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
    await page.getByRole('heading', { name: 'What Example Bank will learn' }).waitFor();
    await page.getByRole('button', { name: 'Use another key' }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase');
    await page.getByRole('button', { name: 'Open this key' }).click();
    await page.getByRole('alert').filter({ hasText: 'That passphrase does not open this key' }).waitFor();
    await page.getByRole('button', { name: 'Cancel and go back without signing in' }).click();
    await page.waitForURL(`${site.url}/callback**`);
    assert.equal(await page.getByRole('heading').first().innerText(), 'Not signed in');
    await context.close();
  });
});
