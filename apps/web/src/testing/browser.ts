import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Debian's Chromium, as CI installs it (apt-get install chromium), with the flags this machine needs. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium, or CHROMIUM_PATH): skipped`;
/** Screenshots of each view, kept as CI artifacts. */
export const SCREENSHOTS = path.resolve(fileURLToPath(new URL('../../../../artifacts/screenshots', import.meta.url)));
export const startAllScript = path.resolve(fileURLToPath(new URL('../../../../services/stack/src/startAll.ts', import.meta.url)));

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** axe-core (not ours) in the page: serious and critical violations, each with its rule and elements. The context needs bypassCSP. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
  const result = await page.evaluate(async () =>
    (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(),
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Every uncaught error in the page, to assert on: a module that throws while loading (a Node global
 * the browser lacks, say) leaves a blank page, and without this the tests only time out.
 */
export function pageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return errors;
}

/**
 * Opens a view of the app and waits until it has drawn its heading. A page that throws while
 * loading fails here at once with the page's own error, instead of a timeout further on.
 */
export async function openApp(page: Page, url: string, timeout = 20_000): Promise<void> {
  let thrown: Error | undefined;
  const onError = (error: Error) => void (thrown ??= error);
  page.on('pageerror', onError);
  try {
    await page.goto(url);
    const heading = page.locator('main h1').first();
    for (const deadline = Date.now() + timeout; !(await heading.isVisible()); await page.waitForTimeout(100)) {
      if (thrown) throw new Error(`${url} did not render: the page threw ${thrown.name}: ${thrown.message}`);
      if (Date.now() > deadline) throw new Error(`${url} drew no heading within ${timeout} ms`);
    }
  } finally {
    page.off('pageerror', onError);
  }
}
