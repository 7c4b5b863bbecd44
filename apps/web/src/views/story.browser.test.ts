import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createPublicClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { bootStack } from '@identree/stack/testing';
import { accessibilityProblems, chromiumMissing, freePort, launchChromium, openApp, pageErrors, SCREENSHOTS, startAllScript } from '../testing/browser.js';

/** Imports `key` into the page's key store and signs in with it. */
async function signInWithKey(page: Page, key: string, label: string) {
  await page.getByLabel('Private key to import').fill(key);
  await page.getByLabel('Name for this key').fill(label);
  await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
  await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
}

/** Opens the key this page already keeps, with its passphrase. */
async function openKey(page: Page) {
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
  await page.getByRole('button', { name: 'Open this key' }).click();
}

/** Waits for `text`; on a timeout, the error carries what the page said (its alerts). */
async function expectText(page: Page, text: RegExp | string, timeout = 20_000) {
  await page.getByText(text).first().waitFor({ timeout }).catch(async (error: Error) => {
    await page.screenshot({ path: path.join(SCREENSHOTS, 'story-failure.png'), fullPage: true }).catch(() => {});
    throw new Error(`${error.message}\nthe page said: ${(await page.locator('[role=alert], [role=status]').allInnerTexts()).join(' | ')}`);
  });
}

// The paper's story, clicked through in Chromium with one browser context per role, each holding
// its own key: a government registers and accredits a university and registers a citizen; the
// university issues a curriculum from its form, based on the birth certificate the government
// issued; the citizen links both into the identity tree. The bank's verifier asks for proof of age
// from a government-certified birth certificate; the citizen presents it from the wallet and lets the
// bank read it again for a day; the bank sees "valid, government-certified". Then the citizen revokes
// the bank's grant, and the bank's next request is refused.
describe('the paper\'s story in the web app, one browser per role', { skip: chromiumMissing }, () => {
  let dataDir: string;
  let stack: Awaited<ReturnType<typeof bootStack>>;
  let browser: Browser;
  let api: string;
  let rpcUrl: string;
  const universityKey = generatePrivateKey();
  const university = privateKeyToAccount(universityKey);
  const citizenKey = generatePrivateKey();
  const citizen = privateKeyToAccount(citizenKey);
  const bankKey = generatePrivateKey();
  const bank = privateKeyToAccount(bankKey);
  const contexts: BrowserContext[] = [];
  const errors: Error[][] = [];
  const role = async () => {
    const context = await browser.newContext({ bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    errors.push(pageErrors(page));
    return page;
  };
  const check = async (page: Page, view: string) => {
    assert.deepEqual(errors.flat().map((e) => e.message), [], `${view}: no page threw`);
    assert.deepEqual(await accessibilityProblems(page), [], `${view}: no serious accessibility violation`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${view}.png`), fullPage: true });
  };

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-story-browser-'));
    const port = await freePort();
    stack = await bootStack(startAllScript, { DATA_DIR: dataDir, PORT: String(port) }, /Identree identity service on/);
    api = `http://127.0.0.1:${port}`;
    rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a university issues a curriculum the citizen links; the citizen proves their age to a bank, then revokes its access', async () => {
    const government = await role();
    await openApp(government, `${api}/app/government`);
    await signInWithKey(government, devPrivateKey(0), 'Root government (dev key)');
    await government.getByRole('heading', { name: 'Register an entity' }).waitFor();
    const register = async (address: string, kind: string) => {
      await government.getByLabel('Their address').fill(address);
      await government.getByLabel('What they are').selectOption(kind);
      await government.getByRole('button', { name: 'Register', exact: true }).click();
      await expectText(government, /^Registered: they are now /);
    };
    await register(university.address, 'Issuer');
    await register(citizen.address, 'Person');
    await register(bank.address, 'Organization');
    await government.getByLabel('Issuer address').fill(university.address);
    await government.getByLabel('For credentials of type').selectOption('ScholarCurriculum');
    await government.getByRole('button', { name: 'Accredit', exact: true }).click();
    await expectText(government, /^Accredited for ScholarCurriculum/);
    await check(government, 'government');

    // The citizen signs in once, so issuers can seal credentials to their key.
    const holder = await role();
    await openApp(holder, `${api}/app/wallet`);
    await signInWithKey(holder, citizenKey, 'My identity');
    await holder.getByRole('heading', { name: 'Your identity tree' }).waitFor({ timeout: 20_000 });

    // The government's office also issues the citizen's birth certificate, from the issuer's form.
    await openApp(government, `${api}/app/issuer`);
    await government.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
    await government.getByRole('button', { name: 'Open this key' }).click();
    await government.getByLabel('Credential', { exact: true }).selectOption('BirthCertificate');
    await government.getByLabel('Holder\'s address').fill(citizen.address);
    await government.getByLabel('Given name').fill('Ana');
    await government.getByLabel('Father\'s last name').fill('García');
    await government.getByLabel('Date of birth').fill('1990-05-17');
    await government.getByLabel('Sex').selectOption('F');
    await government.getByLabel('Municipality').fill('Toluca');
    await government.getByLabel('State', { exact: true }).fill('México');
    await government.getByRole('button', { name: 'Issue', exact: true }).click();
    await expectText(government, /^Issued and delivered/);

    // The university's key holds no ether: its writes are EIP-712 AuthorityCalls signed in the page, relayed and paid by the sponsor.

    const registrar = await role();
    await openApp(registrar, `${api}/app/issuer`);
    await signInWithKey(registrar, universityKey, 'University registrar');
    await registrar.getByRole('heading', { name: 'Issue a credential' }).waitFor();
    await registrar.getByLabel('Holder\'s address').fill(citizen.address);
    await registrar.getByLabel('Based on the holder\'s birth certificate').selectOption({ index: 1 });
    await registrar.getByLabel('Student number').fill('S-2031-17');
    await registrar.getByLabel('Programme').fill('BSc Computer Science');
    await registrar.getByRole('button', { name: 'Issue', exact: true }).click();
    await expectText(registrar, /^Issued and delivered/);
    assert.equal(await createPublicClient({ transport: http(rpcUrl) }).getBalance({ address: university.address }), 0n, 'the university never held ether');
    await check(registrar, 'issuer');

    await holder.reload();
    await openKey(holder);
    await holder.getByRole('button', { name: 'Link BirthCertificate' }).click();
    await holder.getByRole('button', { name: /^BirthCertificate ?certified by a government, valid$/ }).waitFor({ timeout: 20_000 });
    await holder.getByRole('button', { name: 'Link ScholarCurriculum' }).click();
    await holder.getByRole('button', { name: /^ScholarCurriculum ?from an accredited issuer, valid$/ }).waitFor({ timeout: 20_000 });
    await check(holder, 'wallet-after-story');

    // The bank's verifier asks for proof of age from a government-certified birth certificate.
    const verifier = await role();
    await openApp(verifier, `${api}/app/verifier`);
    await signInWithKey(verifier, bankKey, 'Bank of Toluca');
    await verifier.getByLabel('Who is asking (shown to the holder)').fill('Bank of Toluca, account opening');
    await verifier.getByLabel('Birth certificate').check();
    await verifier.getByLabel('The holder is over 18').check();
    await verifier.getByLabel('Weakest issuer you accept').selectOption('GovernmentCertified');
    await verifier.getByRole('button', { name: 'Create request' }).click();
    await expectText(verifier, /^Request created/);
    await verifier.getByRole('img', { name: /QR code of the request link/ }).waitFor();
    const link = await verifier.getByLabel('Or send them this link').inputValue();
    assert.match(link, /\/app\/wallet\?request=identree%3Apresent/);
    await check(verifier, 'verifier-request');

    // The citizen opens the link in the wallet, sees what the bank will and will not learn, and signs.
    await openApp(holder, link);
    await openKey(holder);
    await holder.getByRole('heading', { name: 'What Bank of Toluca, account opening will learn' }).waitFor({ timeout: 20_000 });
    assert.ok(await holder.getByLabel(/^Over 18: yes \(asked for\)$/).isChecked(), 'the asked-for attribute is ticked');
    assert.ok(!(await holder.getByLabel(/^Given name: Ana$/).isChecked()), 'nothing else is ticked');
    assert.match(await holder.locator('.will-not').innerText(), /Given name.*Date of birth/);
    assert.match(await holder.locator('#present-heading ~ ul').first().innerText(), /Proof that you are over 18 .*\n.*birth certificate\nOnly from issuers certified by a government/);
    await check(holder, 'wallet-present');
    await holder.getByRole('button', { name: 'Sign and send' }).click();
    await expectText(holder, /^Signed\. Bank of Toluca, account opening can also read/, 40_000);
    const answer = await holder.getByLabel(/^Your signed answer/).inputValue();
    await holder.getByText(/^Verifier 0x.* can see credential .* for 2[34] hours/).waitFor({ timeout: 20_000 });

    await verifier.getByLabel('Paste the presentation they send you').fill(answer);
    await verifier.getByRole('button', { name: 'Check the presentation' }).click();
    await verifier.getByRole('heading', { name: 'Valid, government-certified' }).waitFor({ timeout: 20_000 });
    assert.match(await verifier.locator('.verdict').innerText(), /Birth certificate, certified by a government, linked in their identity tree\s+Over 18\s+yes/);
    await verifier.getByRole('button', { name: 'Read their shared attributes again' }).click();
    await expectText(verifier, /^Allowed at \d\d:\d\d: Over 18: yes\.$/);

    // The bank holds the citizen's grant, so it logs the access on the citizen's on-chain access log:
    // signed with its own key in the page, relayed and paid by the sponsor (the bank holds no ether).
    await expectText(verifier, /^The holder lets you read this credential until \d+ \w+ \d{4}\./);
    await verifier.getByRole('button', { name: 'Log this access on chain' }).click();
    await expectText(verifier, /^Logged on chain at \d\d:\d\d: the holder sees this access in their access log \(transaction 0x[0-9a-f]{4}…[0-9a-f]{4}\)\.$/, 30_000);
    assert.ok(await verifier.getByRole('button', { name: 'Log this access on chain' }).isDisabled(), 'one click logs one access');
    assert.equal(await createPublicClient({ transport: http(rpcUrl) }).getBalance({ address: bank.address }), 0n, 'the bank never held ether');
    await check(verifier, 'verifier-verdict');

    // The citizen's wallet shows the bank's access in the timeline, covered by the grant.
    await openApp(holder, `${api}/app/wallet`);
    await openKey(holder);
    const bankShort = `${bank.address.slice(0, 6)}…${bank.address.slice(-4)}`;
    await expectText(holder, new RegExp(`verifier ${bankShort} accessed credential 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}, with your permission\\.$`));
    await check(holder, 'wallet-access-log');

    // The citizen revokes the bank's access; the bank's next request is refused.
    await holder.getByRole('button', { name: 'Revoke access' }).click();
    await expectText(holder, /^Nobody has access right now/);
    await verifier.getByRole('button', { name: 'Read their shared attributes again' }).click();
    await expectText(verifier, /^Refused\. The holder revoked your access/);
    await check(verifier, 'verifier-access-revoked');

    // An old answer replayed against a new request is refused too, with every reason in words.
    await verifier.getByRole('button', { name: 'Create request' }).click();
    await expectText(verifier, /^Request created/);
    await verifier.getByLabel('Paste the presentation they send you').fill(answer);
    await verifier.getByRole('button', { name: 'Check the presentation' }).click();
    await verifier.getByRole('heading', { name: 'Not valid: do not rely on it' }).waitFor({ timeout: 20_000 });
    assert.match(await verifier.locator('.verdict').innerText(), /This presentation answers another request, not this one\./);
    await check(verifier, 'verifier-refused');

    // Back at the registry office: every entity of the story in the registration tree, with what the sponsor
    // paid for the writes the university (issuing) and the bank (logging an access) had relayed.
    await openApp(government, `${api}/app/government`);
    await openKey(government);
    const tree = government.getByRole('list', { name: 'The registry, from the root authority down' });
    await tree.waitFor({ timeout: 20_000 });
    const paid = '(less than 0\\.000001|\\d+(\\.\\d+)?) ETH in [1-9]\\d* sponsored writes?\\.';
    const line = (who: string, where: string) => new RegExp(`^${who}: active, ${where}\\.\\n0x[0-9a-fA-F]{40}\\n${paid}$`);
    assert.match(await tree.getByRole('listitem').first().locator('.entity').first().innerText(), line('Government \\(you\\)', 'the root authority, at the top'));
    const entry = (account: string) => government.getByRole('list', { name: /^Registered by Government 0x/ }).getByRole('listitem').filter({ hasText: account });
    // The citizen's links, grant and revocation were relayed too, so each of the three has sponsored writes.
    for (const [account, kind] of [[university.address, 'Issuer'], [citizen.address, 'Person'], [bank.address, 'Organization']] as const) {
      assert.match(await entry(account).innerText(), line(kind, 'level 1, registered by the root authority'), kind);
    }
    await check(government, 'government-registration-tree');

    // A state government the root registers registers a town hall in its own office: the tree grows a
    // level, and the state sees the sponsored gas of its own branch only.
    const stateKey = generatePrivateKey();
    const state = privateKeyToAccount(stateKey);
    const townHall = privateKeyToAccount(generatePrivateKey());
    await government.getByLabel('Their address').fill(state.address);
    await government.getByLabel('What they are').selectOption('Government');
    await government.getByRole('button', { name: 'Register', exact: true }).click();
    await expectText(government, /^Registered: they are now a government/);
    const stateOffice = await role();
    await openApp(stateOffice, `${api}/app/government`);
    await signInWithKey(stateOffice, stateKey, 'State government');
    await stateOffice.getByLabel('Their address').fill(townHall.address);
    await stateOffice.getByLabel('What they are').selectOption('Organization');
    await stateOffice.getByRole('button', { name: 'Register', exact: true }).click();
    await expectText(stateOffice, /^Registered: they are now a registered organization/);
    const stateBranch = stateOffice.getByRole('list', { name: `Registered by Government ${state.address}` });
    await stateBranch.waitFor({ timeout: 20_000 });
    assert.match(await stateBranch.getByRole('listitem').innerText(), /^Organization: active, level 2, 2 steps below the root authority\.\n0x[0-9a-fA-F]{40}\nNo sponsored writes yet\.$/);
    const entityLine = (page: Page, account: string) => page.locator('.entity').filter({ hasText: account }).innerText();
    const hidden = /\nSponsored gas: not shown to you\.$/;
    assert.match(await stateOffice.locator('.entity').first().innerText(), hidden, 'not the root\'s');
    assert.match(await entityLine(stateOffice, university.address), hidden, 'not a sibling\'s');
    assert.match(await entityLine(stateOffice, state.address), line('Government \\(you\\)', 'level 1, registered by the root authority'));
    await check(stateOffice, 'government-state-branch');
    await government.getByRole('button', { name: 'Refresh' }).click();
    await government.getByRole('list', { name: `Registered by Government ${state.address}` }).waitFor({ timeout: 20_000 });
    assert.match(await entityLine(government, state.address), line('Government', 'level 1, registered by the root authority'), 'the root sees every branch\'s');
    assert.match(await entityLine(government, townHall.address), /\nNo sponsored writes yet\.$/);
  });
});
