import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createWalletClient, http, publicActions, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { devAccount } from '@identree/devchain';
import { identreeActions } from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';
import { accessibilityProblems, chromiumMissing, freePort, launchChromium, SCREENSHOTS, startAllScript } from '../testing/browser.js';

async function importKey(page: Page, key: string) {
  await page.getByLabel('Private key to import').fill(key);
  await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
  await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
  await page.getByRole('heading', { name: 'Guardians and recovery' }).waitFor({ timeout: 20_000 });
}

/** Waits for `text`; on a timeout, the error carries what the page said. */
async function expectText(page: Page, text: RegExp | string, timeout = 20_000) {
  await page.getByText(text).first().waitFor({ timeout }).catch(async (error: Error) => {
    throw new Error(`${error.message}\nthe page said: ${(await page.locator('[role=alert], [role=status]').allInnerTexts()).join(' | ')}`);
  });
}

// Guardians, recovery and key rotation in the wallet, in Chromium, one browser context per person:
// the citizen names a friend as guardian; the friend approves moving the citizen's identity to a new
// key; the citizen sees the recovery with its waiting time and cancels it; then moves to a new key.
describe('guardians, recovery and key rotation in the wallet, in Chromium', { skip: chromiumMissing }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let api: string;
  const citizenKey = generatePrivateKey();
  const citizen = privateKeyToAccount(citizenKey);
  const friendKey = generatePrivateKey();
  const friend = privateKeyToAccount(friendKey);

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-recovery-browser-'));
    const port = await freePort();
    stack = await bootStack(startAllScript, { DATA_DIR: dataDir, PORT: String(port) }, /Identree identity service on/);
    api = `http://127.0.0.1:${port}`;
    const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
    const { registry } = (await (await fetch(`${api}/health`)).json()) as { registry: Address };
    const government = createWalletClient({ account: devAccount(0), chain: { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } }, transport: http(rpcUrl) })
      .extend(publicActions).extend(identreeActions(registry));
    await government.registerEntity({ entity: citizen.address, kind: 'Person' });
    await government.registerEntity({ entity: friend.address, kind: 'Person' });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a guardian approves a recovery the citizen sees with its delay and cancels; the citizen then moves to a new key', async () => {
    const citizenContext = await browser.newContext({ bypassCSP: true });
    const page = await citizenContext.newPage();
    await page.goto(`${api}/app/wallet`);
    await importKey(page, citizenKey);
    await expectText(page, /^You have no guardians/);
    await page.getByLabel('Add a guardian (their address)').fill(friend.address);
    await page.getByLabel('Approvals a recovery will need').fill('1');
    await page.getByRole('button', { name: 'Add guardian' }).click();
    await expectText(page, /^Added\. Your guardian must approve a recovery from now on\./);
    await expectText(page, 'Your guardian must approve before your identity can move to a new key.');

    const friendContext = await browser.newContext({ bypassCSP: true });
    const helper = await friendContext.newPage();
    await helper.goto(`${api}/app/wallet`);
    await importKey(helper, friendKey);
    const lostKeyReplacement = privateKeyToAccount(generatePrivateKey()).address;
    await helper.getByLabel('Their identity\'s address').fill(citizen.address);
    await helper.getByLabel('Their new key\'s address').fill(lostKeyReplacement);
    await helper.getByRole('button', { name: 'Approve the recovery' }).click();
    await expectText(helper, /^Approved\./);
    await helper.getByRole('button', { name: 'Complete it' }).click();
    await expectText(helper, /^Not yet: this recovery can be completed from \d+ \w+ \d{4} at \d\d:\d\d\. The waiting time/);

    await page.reload();
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Open this key' }).click();
    await page.getByRole('heading', { name: 'A recovery of your identity is under way' }).waitFor({ timeout: 20_000 });
    assert.match(await page.locator('.warning').innerText(), new RegExp(`${lostKeyReplacement}.*1 of 1 guardian approval so far\\. It can be completed on \\d+ \\w+ \\d{4} at \\d\\d:\\d\\d, in \\d+ (day|hour)`, 's'));
    assert.deepEqual(await accessibilityProblems(page), [], 'the wallet\'s recovery view has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wallet-recovery.png'), fullPage: true });
    await page.getByRole('button', { name: 'Cancel this recovery' }).click();
    await expectText(page, /^Cancelled\. Your identity stays with this key\./);
    await page.getByRole('heading', { name: 'A recovery of your identity is under way' }).waitFor({ state: 'detached', timeout: 20_000 });

    await page.getByLabel('Passphrase for the new key (at least 8 characters)').fill('another good passphrase');
    await page.getByRole('button', { name: 'Move to a new key' }).click();
    await expectText(page, /^Done: your identity now answers to key 0x[0-9a-fA-F]{40}/, 40_000);
    const newKey = /key (0x[0-9a-fA-F]{40})/.exec(await page.getByText(/^Done: your identity now answers/).innerText())![1]!;
    const { key } = (await (await fetch(`${api}/identities/${citizen.address}/key`)).json()) as { key: string };
    assert.equal(key, newKey, 'the chain names the new key');
    await citizenContext.close();
    await friendContext.close();
  });
});
