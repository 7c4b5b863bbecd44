import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createWalletClient, http, publicActions, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { devAccount, devPrivateKey } from '@identree/devchain';
import { identreeActions } from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';
import { accessibilityProblems, chromiumMissing, freePort, launchChromium, SCREENSHOTS, startAllScript } from '../testing/browser.js';

// The issuer's desk in Chromium: birth certificates for a whole CSV file, one signed anchor per
// line, with a progress bar; a line the schema refuses and a line without an address are reported
// with their reasons while the others are issued.
describe('issuing from a CSV file, in Chromium', { skip: chromiumMissing }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let api: string;
  const people = [privateKeyToAccount(generatePrivateKey()), privateKeyToAccount(generatePrivateKey())];

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
    await page.goto(`${api}/app/issuer`);
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
    assert.match(lines[0]!, /^Line 2, 0x.*: issued; the holder has not signed in yet, so give them this file$/);
    assert.match(lines[1]!, /^Line 3, 0x.*: issued/);
    assert.match(lines[2]!, /^Line 4, 0x.*: not issued: .*sex/);
    assert.match(lines[3]!, /^Line 5, nobody: not issued: the holder column must be an address/);
    const held = (await (await fetch(`${api}/entities/${people[1]!.address}/credentials`)).json()) as { credentials: { type: string }[] };
    assert.deepEqual(held.credentials.map((c) => c.type), ['BirthCertificate'], 'the refused line anchored nothing');
    assert.deepEqual(await accessibilityProblems(page), [], 'the issuer\'s desk has no serious accessibility violation');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'issuer-csv.png'), fullPage: true });
    await context.close();
  });
});
