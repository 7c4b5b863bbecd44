import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createWalletClient, http, publicActions, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { devAccount } from '@identree/devchain';
import { commitAttributes, CredentialType, getHolderRegistry, holderActions, identreeActions } from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';
import { accessibilityProblems, chromiumMissing, freePort, launchChromium, SCREENSHOTS, startAllScript } from '../testing/browser.js';

// The holder's wallet in Debian's Chromium against the embedded stack: the key imported into the
// page, the tree drawn, a credential linked through the page (signed there, relayed and paid by the
// service), a grant revoked, the access log read.
describe('the wallet, in Chromium', { skip: chromiumMissing }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let api: string;
  const citizenKey = generatePrivateKey();
  const citizen = privateKeyToAccount(citizenKey);
  const bank = devAccount(5);
  let passport: `0x${string}`;
  let birth: `0x${string}`;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-wallet-browser-'));
    const port = await freePort();
    stack = await bootStack(startAllScript, { DATA_DIR: dataDir, PORT: String(port) }, /Identree identity service on/);
    api = `http://127.0.0.1:${port}`;
    const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
    const { registry } = (await (await fetch(`${api}/health`)).json()) as { registry: Address };
    const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
    const government = createWalletClient({ account: devAccount(0), chain, transport: http(rpcUrl) }).extend(publicActions).extend(identreeActions(registry));
    await government.registerEntity({ entity: citizen.address, kind: 'Person' });
    await government.registerEntity({ entity: bank.address, kind: 'Organization' });
    ({ uid: passport } = await government.anchorCredential({ subject: citizen.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: 'P-9' }).commitment }));
    ({ uid: birth } = await government.anchorCredential({ subject: citizen.address, credentialType: CredentialType.BirthCertificate, commitment: commitAttributes({ name: 'A' }).commitment }));
    await government.sendTransaction({ to: citizen.address, value: 10n ** 17n });
    const holders = await getHolderRegistry(government, { registry });
    // The citizen grants the bank a day's access to the birth certificate; the bank reads it once, logged on chain.
    const citizenWallet = createWalletClient({ account: citizen, chain, transport: http(rpcUrl) }).extend(publicActions);
    await citizenWallet.extend(identreeActions(registry)).linkCredential({ uid: birth });
    await citizenWallet.extend(holderActions(holders)).grantAccess({ verifier: bank.address, uid: birth, duration: 86_400 });
    await createWalletClient({ account: bank, chain, transport: http(rpcUrl) }).extend(publicActions).extend(holderActions(holders)).logAccess({ holder: citizen.address, uid: birth, success: true });
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${api}/entities/${citizen.address}/credentials`);
      if (res.ok && ((await res.json()) as { credentials: unknown[] }).credentials.length === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('draws the tree, links a credential signed in the page, revokes a grant, and shows the access log', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${api}/app/wallet`);
    await page.getByLabel('Private key to import').fill(citizenKey);
    await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
    await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
    await page.getByRole('heading', { name: 'Your identity tree' }).waitFor();
    await page.getByRole('button', { name: /^BirthCertificate ?certified by a government, valid$/ }).waitFor();
    assert.match(await page.getByRole('group', { name: /Identity tree/ }).locator('title').textContent() ?? '', /1 linked credential$/);

    await page.getByRole('button', { name: 'Link Passport' }).click();
    await page.getByRole('button', { name: /^Passport ?certified by a government, valid$/ }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /^Passport ?certified by a government, valid$/ }).click();
    await page.getByRole('heading', { name: 'Passport', level: 3 }).waitFor();
    assert.match(await page.locator('.detail').innerText(), /No expiry date/);

    await page.getByText(/Verifier 0x9965…A4dc can see credential .* for 2[34] hours/).waitFor();
    await page.getByText(/verifier 0x9965…A4dc accessed credential/).waitFor();
    assert.deepEqual(await accessibilityProblems(page), [], 'the wallet has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet.png'), fullPage: true });

    await page.getByRole('button', { name: 'Revoke access' }).click();
    // On failure, the page's own error message says why.
    await page.getByText('Nobody has access right now.', { exact: false }).waitFor({ timeout: 20_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}\nalerts on the page: ${await page.locator('[role=alert]').allInnerTexts()}`);
    });
    await context.close();
  });
});
