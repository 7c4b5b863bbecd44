import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Where Vite writes the web app (apps/web); the API serves it at /app. */
export const WEB_APP_DIST = path.join(repository, 'apps/web/dist');

/**
 * The web app's directory for WEB_APP_DIR, built with Vite on the first start (a second or so), so
 * that `npm start` opens a working app with no further step. A failed build is reported and the
 * service starts without /app rather than not at all.
 */
export function ensureWebApp(): string | undefined {
  if (existsSync(path.join(WEB_APP_DIST, 'index.html'))) return WEB_APP_DIST;
  const build = spawnSync('npm', ['run', 'build', '--workspace', '@identree/web'], { cwd: repository, encoding: 'utf8' });
  if (build.status === 0 && existsSync(path.join(WEB_APP_DIST, 'index.html'))) return WEB_APP_DIST;
  console.error(`Identree: the web app could not be built (npm run build -w @identree/web), so /app is not served:\n${(build.stderr || build.stdout || String(build.error)).slice(-2000)}`);
  return undefined;
}
