// `npm run bench:web`: the web app's bundle size (gzipped, as a browser downloads it) and its first
// load on the embedded stack in Debian's Chromium: a fresh browser context per run (empty cache),
// time to the first contentful paint and to the load event of the Sign in with Identree page.
// Then a holder with 200 linked credentials opens the wallet: time until the whole tree is drawn,
// and click-to-detail latency. Prints each run, the medians, and a final JSON line.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createWalletClient, http, parseEther, publicActions, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { devAccount } from '@identree/devchain';
import { commitAttributes, CredentialType, identreeActions } from '@identree/sdk';
import { bootStack } from '@identree/stack/testing';

const RUNS = 5;
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '../dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: path.join(here, '..'), stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const assets = await readdir(path.join(dist, 'assets'));
const html = await readFile(path.join(dist, 'index.html'), 'utf8');
let gzipBytes = 0;
let rawBytes = 0;
// What the sign-in page loads first: index.html and the files it names; the role views load on demand.
let initialGzipBytes = 0;
for (const file of [...assets.map((a) => path.join('assets', a)), 'index.html']) {
  const bytes = await readFile(path.join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawBytes += bytes.length;
  gzipBytes += gz;
  if (file === 'index.html' || html.includes(`/app/${file}`)) initialGzipBytes += gz;
}
console.log(`bundle: ${(rawBytes / 1024).toFixed(1)} KiB, ${(gzipBytes / 1024).toFixed(1)} KiB gzipped (${assets.length + 1} files); the sign-in page's first load ${(initialGzipBytes / 1024).toFixed(1)} KiB gzipped`);

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});
const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-bench-web-'));
const [port, rpPort] = [await freePort(), await freePort()];
const clients = [{ client_id: 'bench', client_name: 'Benchmark site', redirect_uris: [`http://127.0.0.1:${rpPort}/cb`] }];
const stack = await bootStack(path.join(here, '../../../services/stack/src/startAll.ts'), { DATA_DIR: dataDir, PORT: String(port), OIDC_CLIENTS: JSON.stringify(clients), WEB_APP_DIR: dist }, /Identree identity service on/);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const api = `http://127.0.0.1:${port}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const paint: number[] = [];
const load: number[] = [];
const TREE_SIZE = 200;
const clicks: number[] = [];
let treeDrawnMs = NaN;
try {
  for (let run = 0; run < RUNS; run++) {
    // A real authorization request, as a relying party sends it: the page loads its context too.
    const authorize = `${api}/oidc/authorize?response_type=code&client_id=bench&redirect_uri=${encodeURIComponent(`http://127.0.0.1:${rpPort}/cb`)}&scope=openid&code_challenge=${'A'.repeat(43)}&code_challenge_method=S256`;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(authorize, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Sign in to Benchmark site' }).waitFor();
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { fcp: fcp?.startTime ?? NaN, load: nav.loadEventEnd };
    });
    paint.push(t.fcp);
    load.push(t.load);
    console.log(`run ${run + 1}: first contentful paint ${t.fcp.toFixed(0)} ms, load event ${t.load.toFixed(0)} ms`);
    await context.close();
  }

  // The wallet's tree with 200 linked credentials: a holder's whole life of certificates.
  const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
  const { registry } = (await (await fetch(`${api}/health`)).json()) as { registry: Address };
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  const holderKey = generatePrivateKey();
  const holder = privateKeyToAccount(holderKey);
  const government = createWalletClient({ account: devAccount(0), chain, transport: http(rpcUrl) }).extend(publicActions).extend(identreeActions(registry));
  await government.registerEntity({ entity: holder.address, kind: 'Person' });
  await government.sendTransaction({ to: holder.address, value: parseEther('1') });
  const holderClient = createWalletClient({ account: holder, chain, transport: http(rpcUrl) }).extend(publicActions).extend(identreeActions(registry));
  for (let i = 0; i < TREE_SIZE; i++) {
    const { uid } = await government.anchorCredential({ subject: holder.address, credentialType: CredentialType.Passport, commitment: commitAttributes({ number: `P-${i}` }).commitment });
    await holderClient.linkCredential({ uid });
  }
  for (let i = 0; i < 300; i++) {
    const tree = (await (await fetch(`${api}/entities/${holder.address}/tree`)).json()) as { credentials?: unknown[] };
    if (tree.credentials?.length === TREE_SIZE) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${api}/app/wallet`);
  await page.getByLabel('Private key to import').fill(holderKey);
  await page.getByLabel('Passphrase (at least 8 characters)').fill('correct horse battery');
  const started = Date.now();
  await page.getByRole('button', { name: 'Keep this key in this browser' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('svg.tree g.branch').length === n, TREE_SIZE, { timeout: 60_000 });
  treeDrawnMs = Date.now() - started;
  // A click on a branch until its detail shows: what "responsive" means to the holder.
  for (let i = 0; i < 10; i++) {
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('svg.tree g.branch').nth(i * 19).click();
    await page.locator('.detail h3').waitFor();
    clicks.push((await page.evaluate(() => performance.now())) - t0);
  }
  await context.close();
  console.log(`tree of ${TREE_SIZE} linked credentials: ${treeDrawnMs} ms from "keep this key" (key encryption with 600,000 PBKDF2 rounds, unlock, sign-in, reads) to every branch drawn; click to detail median ${median(clicks).toFixed(0)} ms, worst ${Math.max(...clicks).toFixed(0)} ms (10 clicks)`);
} finally {
  await browser.close();
  await stack.stop();
  await rm(dataDir, { recursive: true, force: true });
}
console.log(`median of ${RUNS}: first contentful paint ${median(paint).toFixed(0)} ms, load ${median(load).toFixed(0)} ms (login page, cold cache, loopback)`);
console.log(JSON.stringify({ bundleBytes: rawBytes, bundleGzipBytes: gzipBytes, initialGzipBytes, firstContentfulPaintMs: Math.round(median(paint)), firstLoadMs: Math.round(median(load)), runs: RUNS, treeCredentials: TREE_SIZE, treeDrawnMs, treeClickToDetailMs: Math.round(median(clicks)) }));
