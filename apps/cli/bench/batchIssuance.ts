// npm run bench:batch [-- --rows 10000 --concurrency 16]
// The CLI's batch figures on the embedded service (`npm start`'s launcher: anvil, PGlite, the API):
// a registry office registers N citizens from a CSV, then issues each a birth certificate from a
// second CSV, both through the real `identree` binary. Prints entities and credentials per second
// and gas per write; the last line is one JSON object.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { cliRunner, startEmbeddedService } from '../src/testing/cliProcess.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '16' } } });
const rows = Number(values.rows);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`--rows must be a positive whole number, not "${values.rows}"`);

const service = await startEmbeddedService();
const home = mkdtempSync(path.join(os.tmpdir(), 'identree-bench-home-'));
const work = mkdtempSync(path.join(os.tmpdir(), 'identree-bench-batch-'));
try {
  const cli = cliRunner({ IDENTREE_HOME: home, IDENTREE_PASSPHRASE: 'bench passphrase', IDENTREE_SERVICE: service.url, IDENTREE_KEY: 'gov' });
  const imported = await cli(['key', 'import', 'gov', '--stdin', '--json'], { input: devPrivateKey(0) });
  if (imported.code !== 0) throw new Error(imported.stdout + imported.stderr);
  const citizens = Array.from({ length: rows }, () => privateKeyToAccount(generatePrivateKey()).address);
  const people = path.join(work, 'citizens.csv');
  writeFileSync(people, `address,kind\n${citizens.map((a) => `${a},Person`).join('\n')}\n`);
  const births = path.join(work, 'birth-certificates.csv');
  writeFileSync(births, `subject,givenName,fatherLastName,birthDate,sex,municipality,state\n${citizens.map((a, i) => `${a},Child${i},Ruiz,2026-11-${String(1 + (i % 28)).padStart(2, '0')},${i % 2 ? 'M' : 'F'},Zapopan,Jalisco`).join('\n')}\n`);

  console.log(`identree CLI batch figures — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`);
  console.log(`embedded service (anvil automine, PGlite) at ${service.url}; ${rows} rows; ${concurrency} writes in flight\n`);
  const run = async (args: string[]) => {
    const r = await cli([...args, '--concurrency', String(concurrency), '--json']);
    if (r.code !== 0) throw new Error(`identree ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r.json as { seconds: number; perSecond: number; gasPerRow: number; done: number };
  };
  const registered = await run(['entity', 'register', '--batch', people, '--kind', 'Person']);
  console.log(`entity register --batch:   ${registered.done} entities in ${registered.seconds} s = ${registered.perSecond} entities/s, ${registered.gasPerRow} gas/entity`);
  const issued = await run(['credential', 'issue', '--batch', births, '--type', 'BirthCertificate']);
  console.log(`credential issue --batch:  ${issued.done} credentials in ${issued.seconds} s = ${issued.perSecond} credentials/s, ${issued.gasPerRow} gas/credential`);
  console.log(JSON.stringify({
    rows, concurrency, credentialsPerSecond: issued.perSecond, gasPerCredential: issued.gasPerRow, issueSeconds: issued.seconds,
    entitiesPerSecond: registered.perSecond, gasPerEntity: registered.gasPerRow, registerSeconds: registered.seconds,
  }));
} finally {
  await service.stop();
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}
