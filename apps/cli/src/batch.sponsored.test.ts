import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { cliRunner, startEmbeddedService } from './testing/cliProcess.js';

const ROWS = 4;

/** Issue 17: a registry office whose key holds no ether runs its CSV batches through the service's sponsor. */
describe('--sponsored --batch: a key with no ether registers and issues a CSV', () => {
  let service: Awaited<ReturnType<typeof startEmbeddedService>>;
  let home: string;
  let work: string;
  let cli: ReturnType<typeof cliRunner>;
  const officeKey = generatePrivateKey();
  const office = privateKeyToAccount(officeKey).address;
  const citizens = Array.from({ length: ROWS }, () => privateKeyToAccount(generatePrivateKey()).address);
  const balanceOfOffice = () => createPublicClient({ transport: http(service.rpcUrl) }).getBalance({ address: office });

  before(async () => {
    service = await startEmbeddedService();
    home = mkdtempSync(path.join(tmpdir(), 'identree-cli-home-'));
    work = mkdtempSync(path.join(tmpdir(), 'identree-cli-sponsored-'));
    cli = cliRunner({ IDENTREE_HOME: home, IDENTREE_PASSPHRASE: 'a long test passphrase', IDENTREE_LIGHT_KDF: '1', IDENTREE_SERVICE: service.url });
    assert.equal((await cli(['key', 'import', 'gov', '--stdin'], { input: devPrivateKey(0) })).code, 0);
    assert.equal((await cli(['key', 'import', 'office', '--stdin'], { input: officeKey })).code, 0);
    const registered = await cli(['entity', 'register', office, '--kind', 'Government', '--key', 'gov', '--json']);
    assert.equal(registered.code, 0, registered.stdout + registered.stderr);
  });
  after(async () => {
    await service?.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('registers a CSV of citizens through the sponsor, once, where the key\'s own transactions are refused', async () => {
    const file = path.join(work, 'births.csv');
    writeFileSync(file, `address,kind\n${citizens.map((a) => `${a},Person`).join('\n')}\n`);
    const own = await cli(['entity', 'register', '--batch', file, '--key', 'office', '--json']);
    assert.equal(own.code, 3, own.stdout + own.stderr);
    assert.equal(own.json.error.code, 'insufficient_funds');

    const sponsored = await cli(['--sponsored', 'entity', 'register', '--batch', file, '--key', 'office', '--json']);
    assert.equal(sponsored.code, 0, sponsored.stdout + sponsored.stderr);
    assert.equal(sponsored.json.registered, ROWS);
    for (const citizen of citizens) {
      const shown = await cli(['entity', 'show', citizen, '--json']);
      assert.equal(shown.json.registrar.toLowerCase(), office.toLowerCase(), 'registered by the office, not the sponsor');
    }
    const again = await cli(['--sponsored', 'entity', 'register', '--batch', file, '--key', 'office', '--json']);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal(again.json.alreadyDone, ROWS);
    assert.equal(again.json.registered, 0);
    assert.equal(await balanceOfOffice(), 0n, 'the office never held ether');
  });

  it('issues a CSV of birth certificates through the sponsor, each journaled as a signed message', async () => {
    const file = path.join(work, 'certificates.csv');
    writeFileSync(file, `subject,givenName,fatherLastName,birthDate,sex,municipality,state\n${citizens.map((a, i) => `${a},Child${i},Ruiz,2026-12-0${i + 1},F,Zapopan,Jalisco`).join('\n')}\n`);
    const r = await cli(['--sponsored', 'credential', 'issue', '--batch', file, '--type', 'BirthCertificate', '--key', 'office', '--json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.issued, ROWS);
    const journal = readFileSync(`${file}.journal`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; nonce?: number });
    const relayed = journal.filter((e) => e.kind === 'relayed');
    assert.equal(relayed.length, ROWS, 'each row a relayed message, none a transaction');
    assert.equal(journal.filter((e) => e.kind === 'signed').length, 0);
    assert.equal(new Set(relayed.map((e) => e.nonce)).size, ROWS, 'one AuthorityCall nonce per row');
    const issued = readFileSync(`${file}.issued.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { credentialSubject: { id: string } });
    assert.deepEqual(issued.map((c) => c.credentialSubject.id.split(':').pop()!.toLowerCase()).sort(), citizens.map((a) => a.toLowerCase()).sort());
    assert.equal(await balanceOfOffice(), 0n, 'the office never held ether');
  });
});
