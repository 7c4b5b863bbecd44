// npm run bench:api — starts the service (against its own anvil through RPC_URL, the production
// path), loads POST /presentations/verify with autocannon, then holds many idle connections.
// The last line is one JSON object.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startAnvil, devAccount } from '@identree/devchain';
import { createPresentation, identreeActions, issueCredential, type Presentation } from '@identree/sdk';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const connections = arg('connections', 1_000);
const duration = arg('duration', 10);
const holdConnections = arg('hold', 10_000);
const poolSize = arg('presentations', 20_000);
const port = 18_000 + Math.floor(Math.random() * 1_000);
const url = `http://127.0.0.1:${port}`;

console.log(`Identree API benchmark — ${os.cpus()[0]?.model}, ${os.cpus().length} cores, node ${process.version}`);
const chain = await startAnvil({ accounts: 4 });
const dataDir = await mkdtemp(path.join(tmpdir(), 'identree-bench-'));
const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url))], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, RPC_URL: chain.rpcUrl, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stopAll = async () => {
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
  await chain.stop();
  await rm(dataDir, { recursive: true, force: true });
};
try {
  await new Promise<void>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Identree identity service on')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  const health = (await (await fetch(`${url}/health`)).json()) as { registry: `0x${string}` };
  const gov = chain.wallet(0);
  const registry = health.registry;
  const holder = devAccount(1);
  await gov.extend(identreeActions(registry)).registerEntity({ entity: holder.address, kind: 'Person' });
  const vc = await issueCredential(gov, {
    registry, type: 'BirthCertificate', subject: holder.address,
    attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
  });

  const audience = 'https://bank.example';
  process.stdout.write(`preparing ${poolSize} presentations with service-issued nonces… `);
  const bodies: string[] = [];
  for (let i = 0; i < poolSize; i++) {
    const { nonce } = (await (await fetch(`${url}/presentations/nonce`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ audience }) })).json()) as { nonce: `0x${string}` };
    const presentation: Presentation = await createPresentation({ holder, audience, nonce, expiresIn: 600, disclose: [{ credential: vc, attributes: ['ageOver18'] }] });
    bodies.push(JSON.stringify({ audience, presentation, policy: { minLevel: 'GovernmentCertified' } }));
    if ((i + 1) % 5_000 === 0) process.stdout.write(`${i + 1} `);
  }
  console.log('done');

  let next = 0;
  let valid = 0;
  let invalid = 0;
  console.log(`loading POST /presentations/verify: ${connections} connections, ${duration} s`);
  const result = await autocannon({
    url: `${url}/presentations/verify`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections,
    duration,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
  });
  // Spot-check answers outside the timed run: fresh presentations verify, replays do not.
  for (const body of bodies.slice(0, 3)) {
    const verdict = (await (await fetch(`${url}/presentations/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json()) as { valid: boolean };
    verdict.valid ? valid++ : invalid++;
  }
  const verifyPerSec = Math.round(result.requests.average);
  const p99Ms = result.latency.p99;
  // autocannon counts timeouts among errors; non-2xx answers are errors for us too.
  const errors = result.errors + result.non2xx;
  console.log(`  ${verifyPerSec}/s average, p50 ${result.latency.p50} ms, p99 ${p99Ms} ms, errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
  console.log(`  ${Math.min(next, bodies.length)} distinct presentations sent; requests beyond the pool were replays (answered 200, verdict invalid: nonce_replayed)`);
  console.log(`  after the run, the first 3 presentations re-sent: ${invalid} rejected as replays, ${valid} accepted (expected 0)`);

  console.log(`holding ${holdConnections} concurrent connections on GET /health for 5 s`);
  const hold = await autocannon({ url: `${url}/health`, connections: holdConnections, duration: 5, timeout: 30 });
  const holdErrors = hold.errors + hold.non2xx;
  console.log(`  ${hold.requests.total} requests, errors ${hold.errors}, timeouts ${hold.timeouts}, non-2xx ${hold.non2xx}`);

  console.log(JSON.stringify({ connections, verifyPerSec, p99Ms, errors, holdConnections, holdErrors, distinctPresentations: Math.min(next, bodies.length) }));
} finally {
  await stopAll();
  // The result is printed; a client poll still in flight against the stopped node must not add a trace after it.
  process.exit(process.exitCode ?? 0);
}
