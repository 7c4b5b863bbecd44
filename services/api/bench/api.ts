// One arrangement of `npm run bench:api` (bench/arrangements.ts runs both): starts the stack, as
// `npm start` runs it (--arrangement single: one process, in-process transport) or as
// `npm run start:split` does (--arrangement split: the API and the chain worker as processes talking
// gRPC, on PostgreSQL), against its own anvil through RPC_URL (the production path), loads
// POST /presentations/verify with autocannon, then holds many idle connections.
// Every request carries a distinct presentation with its own service-issued nonce; the run stops
// early rather than replay one. The last line is one JSON object.
//
// Options: --connections 1000 --warmup 3 --duration 10 --hold 10000 --presentations 104000 --pipelining 1
// --profile DIR (CPU profiles of the service). The service's own variables (VERIFY_THREADS,
// DATABASE_URL, …) pass through from the environment; SERVICE_NODE_FLAGS adds node flags to the
// service's command line (V8 heap sizes, say).
//
// package.json runs this with a 64 MB young generation: autocannon holds a thousand requests in
// flight, and with the default one this process paused 5–25 ms every ~150 ms to copy them, pauses
// that every request in flight then counted as service latency.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { startAnvil, devAccount, devPrivateKey } from '@identree/devchain';
import { identreeActions, issueCredential } from '@identree/sdk';
import { threadOf } from '../src/cluster/verifyPool.js';
import { cpuBetween, threadCpu, type ThreadCpu } from './threadCpu.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const connections = arg('connections', 1_000);
const duration = arg('duration', 10);
// The first seconds (1,000 connections opening at once, JIT, worker caches) are measured and printed
// on their own; the figures in the JSON line are those of the `duration` seconds after them.
const warmup = arg('warmup', 3);
const holdConnections = arg('hold', 10_000);
// Enough distinct presentations for 8,000/s over warm-up and measurement, so none is replayed.
const poolSize = arg('presentations', 8_000 * (duration + warmup));
const pipelining = arg('pipelining', 1);
const profileDir = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1]! : undefined;
const arrangement = process.argv.includes('--arrangement') ? process.argv[process.argv.indexOf('--arrangement') + 1]! : 'single';
if (arrangement !== 'single' && arrangement !== 'split') throw new Error(`--arrangement: single or split, not ${arrangement}`);
const port = 18_000 + Math.floor(Math.random() * 1_000);
const url = `http://127.0.0.1:${port}`;
const NONCE_TTL_SECONDS = 3_600;
/** The longest presentation lifetime a verifier accepts by default (verifyPresentation's maxLifetime). */
const PRESENTATION_LIFETIME_SECONDS = 600;
const LOAD_GENERATOR_WARMUP_SECONDS = 2;
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

console.log(`Identree API benchmark — ${os.cpus()[0]?.model}, ${os.cpus().length} cores, node ${process.version}, load average ${loadAverage()}`);
const chain = await startAnvil({ accounts: 4 });
const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-bench-'));
// The stack runs exactly as `npm start` (or `npm run start:split`) runs it: the node flags of the
// launcher's script (a larger young generation: see the README), then any SERVICE_NODE_FLAGS. In the
// split arrangement the API process gets the flags of the API package's start script instead.
const packageDir = fileURLToPath(new URL('../../stack', import.meta.url));
const scripts = (JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const startScript = scripts[arrangement === 'single' ? 'start' : 'start:split']!.split(' ');
if (startScript[0] !== 'node') throw new Error(`the launcher's script no longer starts with node: ${startScript.join(' ')}`);
const extraFlags = [...(process.env.SERVICE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
const serviceArgs = [...startScript.slice(1, -1), ...(arrangement === 'single' ? extraFlags : []), startScript.at(-1)!];
const splitDatabase = `identree_bench_${process.pid}`;
let apiPid = 0;
const server = spawn(process.execPath, serviceArgs, {
  cwd: packageDir,
  // Preparing 100,000 signed presentations takes minutes on a slow machine, longer than the
  // default 300 s nonce lifetime: the bench's service keeps its nonces for an hour instead.
  env: {
    ...process.env, PORT: String(port), GRPC_PORT: String(port + 1), DATA_DIR: dataDir, RPC_URL: chain.rpcUrl, SPONSOR_PRIVATE_KEY: devPrivateKey(0),
    LOG_LEVEL: 'warn', PRESENTATION_NONCE_TTL: String(NONCE_TTL_SECONDS),
    // One load generator on one address asks for every nonce: the per-client nonce limit (issue 23 §4) would measure itself.
    RATE_LIMIT_NONCES_PER_CLIENT: '0',
    ...(arrangement === 'split' ? { DATABASE_URL: process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${splitDatabase}`, API_NODE_FLAGS: extraFlags.join(' ') } : {}),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: arrangement === 'split',
});
const stopAll = async () => {
  if (arrangement === 'split') process.kill(-server.pid!, 'SIGTERM');
  else server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
  await chain.stop();
  await rm(dataDir, { recursive: true, force: true });
  if (arrangement === 'split' && !process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect().then(() => admin.query(`DROP DATABASE IF EXISTS ${splitDatabase} WITH (FORCE)`)).catch(() => {}).finally(() => admin.end());
  }
};
const postJson = async (route: string, body: unknown) =>
  (await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })).json();

try {
  const banner = await new Promise<string>((resolve, reject) => {
    let out = '';
    const read = (c: Buffer) => {
      out += c.toString();
      if (!(arrangement === 'single' ? out.includes('  verification ') : out.includes('  data directory ')) || !out.endsWith('\n')) return;
      // Past the banner the service's output is only drained, not kept for the whole run.
      server.stdout!.off('data', read).resume();
      resolve(out);
    };
    server.stdout!.on('data', read);
    server.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  // The process that serves HTTP: the launcher itself, or in the split arrangement its API child.
  apiPid = arrangement === 'single'
    ? server.pid!
    : Number(execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(server.pid)], { encoding: 'utf8' }).split('\n').find((l) => l.includes('api/src/server.ts'))!.trim().split(/\s+/)[0]);
  console.log(`service: node ${serviceArgs.join(' ')}`);
  console.log(`service (${arrangement}): ${banner.match(/database +(.*)/)?.[1]}; verification ${banner.match(/verification +(.*)/)?.[1] ?? `one worker thread per core (VERIFY_THREADS), API and chain worker as processes`}`);
  const health = (await (await fetch(`${url}/health`)).json()) as { registry: `0x${string}` };
  const gov = chain.wallet(0);
  const registry = health.registry;
  const holder = devAccount(1);
  await gov.extend(identreeActions(registry)).registerEntity({ entity: holder.address, kind: 'Person' });
  const credential = await issueCredential(gov, {
    registry, type: 'BirthCertificate', subject: holder.address,
    attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
  });

  const audience = 'https://bank.example';
  process.stdout.write(`preparing ${poolSize} presentations, each with its own service-issued nonce… `);
  const nonces: `0x${string}`[] = [];
  let firstExpiry = Infinity;
  await Promise.all(Array.from({ length: 64 }, async () => {
    while (nonces.length < poolSize) {
      const slot = nonces.length;
      nonces.push('0x');
      const issued = (await postJson('/presentations/nonce', { audience })) as { nonce: `0x${string}`; expiresAt: number };
      nonces[slot] = issued.nonce;
      firstExpiry = Math.min(firstExpiry, issued.expiresAt);
    }
  }));
  const threads = os.availableParallelism();
  const firstPresentationExpiry = Date.now() / 1000 + PRESENTATION_LIFETIME_SECONDS;
  let signed = 0;
  const chunks = await Promise.all(Array.from({ length: threads }, (_, t) => new Promise<string[]>((resolve, reject) => {
    const share = nonces.filter((_, i) => i % threads === t);
    const worker = threadOf(new URL('./presentationMaker.ts', import.meta.url), { workerData: { credential, audience, nonces: share, expiresIn: PRESENTATION_LIFETIME_SECONDS } });
    worker.on('message', (m: { progress?: number; bodies?: string[] }) => {
      if (m.bodies) return resolve(m.bodies);
      signed += m.progress!;
      if (signed % 10_000 === 0) process.stdout.write(`${signed} `);
    });
    worker.once('error', reject);
  })));
  const bodies = chunks.flat();
  console.log('done');
  // A nonce that expired before its turn would come back as an invalid verdict and count as nothing.
  const secondsLeft = Math.min(firstExpiry, firstPresentationExpiry) - Date.now() / 1000;
  if (secondsLeft < LOAD_GENERATOR_WARMUP_SECONDS + warmup + duration + 60) throw new Error(`preparation took so long that the first nonces or presentations expire in ${Math.round(secondsLeft)} s, before the run would end; pass a smaller --presentations`);

  /**
   * autocannon posting to `target` with the measured load's options; `pickBody` gives each request's
   * body (or stops the load), `onAnswer` sees each answer with its latency and whether it was a valid verdict.
   */
  const load = (target: string, seconds: number, pickBody: (stop: () => void) => string, onAnswer: (status: number, ms: number, valid: boolean) => void) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      let lastValid = false;
      const instance = autocannon({
        url: target,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections,
        pipelining,
        duration: seconds,
        requests: [{
          setupRequest: (req: Record<string, unknown>) => ({ ...req, body: pickBody(() => instance.stop()) }),
          // The reply schema serializes `valid` first.
          onResponse: (status: number, body: string) => {
            lastValid = status === 200 && body.startsWith('{"valid":true');
          },
        }],
      } as autocannon.Options, (error, r) => (error ? reject(error) : resolve(r)));
      // autocannon calls the request's onResponse, then emits 'response' for the same answer, synchronously.
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        onAnswer(status, ms, lastValid);
        lastValid = false;
      });
    });

  // The load generator shares the machine's cores with the service. Cold, in its first seconds V8
  // is still compiling autocannon's request and response paths, and that CPU is taken from the
  // service: so it is first run for LOAD_GENERATOR_WARMUP_SECONDS against a stand-in server in a
  // process of its own, with the same options and bodies, while the service sits idle.
  const standIn = spawn(process.execPath, [fileURLToPath(new URL('./standInServer.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const standInPort = await new Promise<number>((resolve, reject) => {
    standIn.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString())));
    standIn.once('exit', (code) => reject(new Error(`the stand-in server exited with ${code}`)));
  });
  let warmed = 0;
  try {
    await load(`http://127.0.0.1:${standInPort}/presentations/verify`, LOAD_GENERATOR_WARMUP_SECONDS, () => bodies[warmed++ % bodies.length]!, () => undefined);
  } finally {
    standIn.kill();
  }
  console.log(`load generator warmed for ${LOAD_GENERATOR_WARMUP_SECONDS} s against a stand-in server (${warmed} requests; the service was idle)`);

  let next = 0;
  // Per answer: when it completed (ms since the start), how long it took, and whether it was a valid verdict.
  const answers: { at: number; ms: number; valid: boolean; ok: boolean }[] = [];
  console.log(`loading POST /presentations/verify: ${connections} connections, pipelining ${pipelining}, ${warmup} s warm-up then ${duration} s measured, or until the ${bodies.length} presentations are used (load average ${loadAverage()})`);
  const started = performance.now();
  // CPU use over the measured window, per thread of the service and for this process (autocannon).
  const verifyThreads = Number(banner.match(/verification +(\d+) worker thread/)?.[1] ?? 0);
  let cpuAtWindow: { service: ThreadCpu; bench: NodeJS.CpuUsage; at: number } | undefined;
  const windowTimer = setTimeout(() => (cpuAtWindow = { service: threadCpu(apiPid), bench: process.cpuUsage(), at: performance.now() }), warmup * 1000);
  const result = await load(`${url}/presentations/verify`, warmup + duration, (stop) => {
    // Out of fresh presentations: stop instead of replaying. The few sent while the connections
    // wind down are answered as replays and are not counted as verifications.
    if (next === bodies.length) stop();
    return bodies[next++ % bodies.length]!;
  }, (status, ms, valid) => answers.push({ at: performance.now() - started, ms, valid, ok: status >= 200 && status < 300 }));
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(windowTimer);
  const cpuAfter = { service: threadCpu(apiPid), bench: process.cpuUsage(), at: performance.now() };
  // Spot-check answers outside the timed run: presentations already used are now replays.
  let accepted = 0;
  for (const body of bodies.slice(0, 3)) if (((await postJson('/presentations/verify', body)) as { valid: boolean }).valid) accepted++;

  const window = (from: number, to: number) => {
    const inside = answers.filter((a) => a.at >= from && a.at < to);
    const sorted = inside.map((a) => a.ms).sort((x, y) => x - y);
    const pct = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0);
    const end = Math.min(to, seconds * 1000, Math.max(from, ...inside.map((a) => a.at)));
    const valid = inside.filter((a) => a.valid).length;
    return { answers: inside.length, valid, perSec: Math.round(valid / Math.max((end - from) / 1000, 1e-3)), p50: pct(0.5), p99: pct(0.99), max: sorted.at(-1) ?? 0 };
  };
  const warm = window(0, warmup * 1000);
  const measured = window(warmup * 1000, Infinity);
  const whole = window(0, Infinity);
  const verifyPerSec = measured.perSec;
  const p99Ms = measured.p99;
  // autocannon counts timeouts among errors; non-2xx answers are errors for us too.
  const errors = result.errors + result.non2xx;
  const distinct = Math.min(next, bodies.length);
  console.log(`  warm-up, first ${warmup} s: ${warm.valid} valid verdicts (${warm.perSec}/s), p50 ${warm.p50} ms, p99 ${warm.p99} ms, max ${warm.max} ms`);
  console.log(`  measured, next ${duration} s: ${measured.valid} valid verdicts (${verifyPerSec}/s), p50 ${measured.p50} ms, p99 ${p99Ms} ms, max ${measured.max} ms`);
  // Second by second, by completion time: shows whether the tail is steady or left over from the start.
  const perSecond = Array.from({ length: Math.ceil(seconds) }, (_, i) => ({ second: i, ...window(i * 1000, (i + 1) * 1000) })).filter((w) => w.answers > 0);
  console.log(`  per second (answers/s p50/p99 ms): ${perSecond.map((w) => `${w.second}s ${w.answers} ${Math.round(w.p50)}/${Math.round(w.p99)}`).join(', ')}`);
  if (cpuAtWindow) {
    const answered = answers.filter((a) => a.at >= cpuAtWindow!.at - started).length;
    const service = cpuBetween(apiPid, cpuAtWindow.service, cpuAfter.service, verifyThreads);
    const bench = process.cpuUsage(cpuAtWindow.bench);
    const us = (cpuSeconds: number) => Math.round((cpuSeconds * 1e6) / Math.max(answered, 1));
    const wall = (cpuAfter.at - cpuAtWindow.at) / 1000;
    console.log(`  CPU per answer in the measured window (µs): service HTTP thread ${us(service.main)}, verification threads ${service.workers.map(us).join(' + ')}, other service threads ${us(service.rest)}; load generator ${us((bench.user + bench.system) / 1e6)}; cores busy ${((service.main + service.workers.reduce((a, b) => a + b, 0) + service.rest + (bench.user + bench.system) / 1e6) / wall).toFixed(2)} of ${os.cpus().length}`);
  }
  console.log(`  whole run: ${whole.answers} answers in ${seconds.toFixed(1)} s, p99 ${whole.p99} ms; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
  console.log(`  ${distinct} distinct presentations sent, ${Math.max(0, next - bodies.length)} replays; ${answers.length - answers.filter((a) => a.valid).length} answers not a valid verdict`);
  console.log(`  after the run, the first 3 presentations re-sent: ${3 - accepted} rejected as replays, ${accepted} accepted (expected 0)`);

  console.log(`holding ${holdConnections} concurrent connections on GET /health for 5 s`);
  const hold = await autocannon({ url: `${url}/health`, connections: holdConnections, duration: 5, timeout: 30 });
  const holdErrors = hold.errors + hold.non2xx;
  console.log(`  ${hold.requests.total} requests, errors ${hold.errors}, timeouts ${hold.timeouts}, non-2xx ${hold.non2xx}; load average ${loadAverage()}`);

  console.log(JSON.stringify({
    arrangement, connections, pipelining, verifyPerSec, p99Ms, errors, warmupSeconds: warmup, measuredSeconds: duration,
    warmupPerSec: warm.perSec, warmupP99Ms: warm.p99, wholeRunP99Ms: whole.p99,
    validVerdicts: measured.valid + warm.valid, holdConnections, holdErrors, distinctPresentations: distinct,
  }));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopAll();
  // The result is printed; a client poll still in flight against the stopped node must not add a trace after it.
  process.exit(process.exitCode ?? 0);
}
