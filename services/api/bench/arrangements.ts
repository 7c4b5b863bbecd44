// npm run bench:api — the API benchmark (bench/api.ts) on both arrangements, one after the other:
// the single process `npm start` runs (in-process transport, PGlite), then the split one
// `npm run start:split` runs (API and chain worker as processes talking gRPC, PostgreSQL). Each
// run prints its own figures; the last line joins them, with the split run's throughput as a
// ratio of the single process's. Verification itself never calls the chain worker: what the ratio
// shows is PostgreSQL for nonces instead of in-process PGlite, and the processes the split adds.
// Options are passed to both runs; --arrangement single|split runs only one.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const args = process.argv.slice(2);
const only = args.includes('--arrangement') ? args[args.indexOf('--arrangement') + 1] : undefined;
const script = fileURLToPath(new URL('./api.ts', import.meta.url));

/** Runs one arrangement, echoing its output; resolves to its final JSON line, or null if it failed. */
const run = (arrangement: string) =>
  new Promise<Record<string, unknown> | null>((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args.filter((a, i) => a !== '--arrangement' && args[i - 1] !== '--arrangement'), '--arrangement', arrangement], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      last = (last + chunk.toString()).split('\n').slice(-2).join('\n');
    });
    child.once('exit', (code) => {
      const line = last.trim().split('\n').at(-1) ?? '';
      try {
        resolve(code === 0 ? (JSON.parse(line) as Record<string, unknown>) : null);
      } catch {
        resolve(null);
      }
    });
  });

const postgresUp = async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
};

const single = only === 'split' ? null : await run('single');
let split: Record<string, unknown> | null = null;
if (only !== 'single') {
  if (await postgresUp()) {
    console.log('\n— split arrangement —');
    split = await run('split');
  } else {
    console.log('split arrangement skipped: no PostgreSQL at DATABASE_URL or 127.0.0.1:5432 (bash tools/postgres.sh starts one)');
  }
}
const ratio = single && split ? Number(((split.verifyPerSec as number) / (single.verifyPerSec as number)).toFixed(3)) : null;
console.log(JSON.stringify({
  ...(single ?? {}),
  arrangement: undefined,
  splitVerifyPerSec: split?.verifyPerSec ?? null,
  splitP99Ms: split?.p99Ms ?? null,
  splitErrors: split?.errors ?? null,
  splitHoldErrors: split?.holdErrors ?? null,
  splitToSingleRatio: ratio,
}));
process.exit(single || split ? 0 : 1);
