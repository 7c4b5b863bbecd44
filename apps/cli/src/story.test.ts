import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyJWT } from 'did-jwt';
import { Resolver } from 'did-resolver';
import type { Address } from 'viem';
import { devPrivateKey, devAccount } from '@identree/devchain';
import { ok, startCliSession, type CliSession } from './testing/cliSession.js';

/**
 * The papers' story from the command line alone, against the embedded service that `npm start`
 * runs: a government registers a university, a citizen, a parent and a bank; it issues the birth
 * certificate and accredits the university, which issues a curriculum; the citizen links both and
 * proves them to the bank, which verifies; revocation then turns the verdict. Every step spawns the
 * real binary; the university's key never holds ether: its writes go through the service's sponsor (--sponsored).
 */
describe('the identree CLI carries the whole story', () => {
  let session: CliSession;
  let service: CliSession['service'];
  let home: string;
  let work: string;
  let cli: CliSession['cli'];
  let as: CliSession['as'];
  const addresses: Record<string, Address> = {};
  let birthUid: string;
  let curriculumUid: string;

  before(async () => {
    session = await startCliSession('home');
    ({ service, home, cli, as } = session);
    work = mkdtempSync(path.join(tmpdir(), 'identree-cli-work-'));
  });
  after(async () => {
    await session?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('keeps keys only in encrypted keystore files', async () => {
    // The root authority's key, as the embedded chain prints it, imported from a pipe (never an argument).
    const gov = ok(await cli(['key', 'import', 'gov', '--stdin', '--json'], { input: `${devPrivateKey(0)}\n` }), 'import');
    assert.equal(gov.address, devAccount(0).address);
    for (const name of ['university', 'citizen', 'mother', 'bank']) addresses[name] = ok(await cli(['key', 'create', name, '--json']), name).address;
    addresses.gov = gov.address;
    const listed = ok(await cli(['key', 'list', '--json']), 'list');
    assert.deepEqual(listed.keys.map((k: { name: string }) => k.name), ['bank', 'citizen', 'gov', 'mother', 'university']);
    for (const k of listed.keys as { file: string }[]) {
      const text = readFileSync(k.file, 'utf8');
      assert.equal(JSON.parse(text).crypto.kdf, 'scrypt');
      assert.ok(!text.toLowerCase().includes(devPrivateKey(0).slice(2)), 'no private key in clear');
    }
    const wrong = await cli(['key', 'export-public', 'gov', '--json'], { env: { IDENTREE_PASSPHRASE: 'not it' } });
    assert.equal(wrong.code, 5);
    assert.equal(wrong.json.error.code, 'wrong_passphrase');
  });

  it('the government signs in and registers the university, the citizen, a parent and the bank', async () => {
    const login = ok(await as('gov', ['login']), 'login');
    assert.equal(login.address, addresses.gov);
    for (const [who, kind] of [['university', 'Issuer'], ['citizen', 'Person'], ['mother', 'Person'], ['bank', 'Organization']]) {
      const r = ok(await as('gov', ['entity', 'register', addresses[who]!, '--kind', kind!]), `register ${who}`);
      assert.equal(r.write.status, 'confirmed');
    }
    const shown = ok(await cli(['entity', 'show', addresses.university!, '--json']), 'show');
    assert.equal(shown.kind, 'Issuer');
    // A second registration is refused with the registry's reason and what to do, never a stack.
    // Suspension and reinstatement, as a registrar does them.
    ok(await as('gov', ['entity', 'suspend', addresses.bank!]), 'suspend');
    assert.equal(ok(await cli(['entity', 'show', addresses.bank!, '--json']), 'show').status, 'Suspended');
    ok(await as('gov', ['entity', 'reinstate', addresses.bank!]), 'reinstate');
    assert.equal(ok(await cli(['entity', 'show', addresses.bank!, '--json']), 'show').status, 'Active');
    const again = await as('gov', ['entity', 'register', addresses.citizen!, '--kind', 'Person']);
    assert.equal(again.code, 3);
    assert.equal(again.json.error.code, 'entity_already_registered');
    assert.doesNotMatch(again.stdout + again.stderr, /\n\s+at /);
  });

  it('the government issues the birth certificate and accredits the university', async () => {
    ok(await as('citizen', ['login']), 'citizen login'); // tells the service the citizen's public key, for delivery
    // From a JSON file, as a registry office's system would hand it over.
    const request = path.join(work, 'birth.json');
    writeFileSync(request, JSON.stringify({
      type: 'BirthCertificate', subject: addresses.citizen, parents: { mother: addresses.mother },
      attributes: { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' },
    }));
    const birth = ok(await as('gov', ['credential', 'issue', '--file', request]), 'birth');
    assert.equal(birth.delivered, true);
    birthUid = birth.uid;
    ok(await as('gov', ['accredit', addresses.university!, '--type', 'ScholarCurriculum']), 'accredit');
  });

  it('the university, whose key holds no ether, issues an accredited curriculum through the sponsor (--sponsored)', async () => {
    const broke = await as('university', ['credential', 'issue', '--type', 'ScholarCurriculum', '--subject', addresses.citizen!, '--source', birthUid, '--attr', 'studentId=A-1024', '--attr', 'program=Computer Science', '--attr', 'institution=UdeG']);
    assert.equal(broke.code, 3);
    assert.equal(broke.json.error.code, 'insufficient_funds');
    assert.match(broke.json.error.hint, /--sponsored/);
    const sponsored = (args: string[]) => as('university', ['--sponsored', ...args]);
    const issued = ok(await sponsored(['credential', 'issue', '--type', 'ScholarCurriculum', '--subject', addresses.citizen!, '--source', birthUid,
      '--attr', 'studentId=A-1024', '--attr', 'program=Computer Science', '--attr', 'institution=UdeG', '--out', path.join(work, 'curriculum.json')]), 'curriculum');
    curriculumUid = issued.uid;
    const shown = ok(await cli(['credential', 'show', curriculumUid, '--json']), 'show');
    assert.equal(shown.level, 'Accredited');
    const achievement = ok(await sponsored(['achievement', 'add', curriculumUid, '--text', 'Graduated with honours, 2026']), 'achievement');
    assert.equal(achievement.write.status, 'confirmed');
    assert.match(achievement.salt, /^0x[0-9a-f]{64}$/);
    // Not accredited for birth certificates: refused before any gas is spent, with the reason.
    const notEntitled = await sponsored(['credential', 'issue', '--type', 'BirthCertificate', '--subject', addresses.mother!, '--attr', 'givenName=Eva', '--attr', 'fatherLastName=Ruiz', '--attr', 'birthDate=1975-01-02', '--attr', 'sex=F', '--attr', 'municipality=Zapopan', '--attr', 'state=Jalisco']);
    assert.equal(notEntitled.code, 3);
    assert.match(notEntitled.json.error.code, /credential_/);
  });

  it('the citizen opens both credentials, links them and sees the tree', async () => {
    const wallet = ok(await as('citizen', ['wallet', 'list']), 'wallet');
    assert.deepEqual(wallet.credentials.map((c: { type: string }) => c.type).sort(), ['BirthCertificate', 'ScholarCurriculum']);
    const jwtFile = path.join(home, 'birth.jwt');
    const shown = ok(await as('citizen', ['wallet', 'show', 'BirthCertificate', '--jwt', jwtFile]), 'show');
    assert.equal(shown.credentialSubject.givenName, 'Ana');
    // A verifier outside Identree: did-jwt, resolving the issuer's DID over the service's HTTP route.
    const resolver = new Resolver({ identree: async (did) => (await fetch(`${service.url}/dids/${did}`)).json() });
    const verified = await verifyJWT(readFileSync(jwtFile, 'utf8').trim(), { resolver: resolver as never });
    assert.equal(verified.issuer, shown.issuer);
    assert.deepEqual(verified.payload.credentialSubject, shown.credentialSubject);
    // The signed credential names its places in the service's status lists, one per purpose.
    assert.deepEqual(verified.payload.credentialStatus.map((s: { statusPurpose: string }) => s.statusPurpose), ['revocation', 'suspension']);
    const list = await fetch(verified.payload.credentialStatus[0].statusListCredential);
    assert.equal(list.status, 200);
    assert.match(list.headers.get('content-type') ?? '', /^application\/vc\+jwt/);
    for (const uid of [birthUid, curriculumUid]) assert.equal(ok(await as('citizen', ['link', uid]), 'link').write.status, 'confirmed');
    const tree = await cli(['tree', addresses.citizen!]);
    assert.equal(tree.code, 0, tree.stderr);
    assert.match(tree.stdout, /GovernmentCertified[\s\S]*BirthCertificate valid/);
    assert.match(tree.stdout, /Accredited[\s\S]*ScholarCurriculum valid/);
    // Someone else's wallet is not theirs to read.
    assert.deepEqual(ok(await as('mother', ['wallet', 'list']), 'mother').credentials, []);
  });

  it('the bank requests a proof, the citizen presents it, and the bank verifies it (exit 0), once', async () => {
    const request = ok(await as('bank', ['request', '--audience', 'https://bank.example', '--attrs', 'ageOver18,program', '--min-level', 'Accredited', '--require-linked']), 'request');
    assert.match(request.requestUrl, /^identree:present\?/);
    const proof = path.join(work, 'proof.json');
    ok(await as('citizen', ['present', '--request', request.requestUrl, '--out', proof]), 'present');
    const verdict = ok(await cli(['verify', proof, '--request', request.requestUrl, '--json']), 'verify');
    assert.equal(verdict.valid, true);
    assert.deepEqual(verdict.credentials.map((c: { level: string }) => c.level).sort(), ['Accredited', 'GovernmentCertified']);
    const replay = await cli(['verify', proof, '--request', request.requestUrl]);
    assert.equal(replay.code, 1, 'a replayed presentation is invalid, exit 1');
    assert.match(replay.stdout, /INVALID/);
  });

  it('an auditor checks a proof against the chain itself, trusting no service (verify --local)', async () => {
    const { registry } = await fetch(`${service.url}/health`).then((r) => r.json()) as { registry: string };
    const request = ok(await as('bank', ['request', '--local', '--audience', 'did:example:auditor', '--attrs', 'program', '--no-qr']), 'local request');
    const proof = path.join(work, 'audit.json');
    ok(await as('citizen', ['present', '--request', request.requestUrl, '--out', proof]), 'present');
    const args = ['verify', proof, '--request', request.requestUrl, '--local', '--rpc', service.rpcUrl, '--registry', registry, '--json'];
    const verdict = ok(await as('bank', args.slice(0, -1)), 'local verify');
    assert.equal(verdict.valid, true);
    assert.equal(verdict.credentials[0].level, 'Accredited');
    const untrusted = await as('bank', ['verify', proof, '--local', '--rpc', service.rpcUrl, '--registry', addresses.bank!]);
    assert.equal(untrusted.code, 1, 'a registry the auditor does not trust gives no valid verdict');
  });

  it('the citizen grants the bank access, sees it, and revokes it', async () => {
    ok(await as('citizen', ['grant', birthUid, '--verifier', addresses.bank!, '--for', '2h', '--attrs', 'ageOver18']), 'grant');
    let grants = ok(await as('citizen', ['grants']), 'grants').grants;
    assert.equal(grants.length, 1);
    assert.equal(grants[0].live, true);
    ok(await as('citizen', ['revoke-grant', birthUid, '--verifier', addresses.bank!]), 'revoke');
    grants = ok(await as('citizen', ['grants']), 'grants').grants;
    assert.equal(grants[0].revoked, true);
    ok(await as('citizen', ['access-log']), 'access log');
  });

  it('after the university revokes the curriculum, a fresh proof of it is invalid', async () => {
    ok(await as('university', ['--sponsored', 'credential', 'revoke', curriculumUid]), 'revoke');
    const request = ok(await as('bank', ['request', '--audience', 'https://bank.example', '--attrs', 'program']), 'request');
    const proof = path.join(work, 'proof-after-revocation.json');
    ok(await as('citizen', ['present', '--request', request.requestUrl, '--out', proof]), 'present');
    const verdict = await cli(['verify', proof, '--request', request.requestUrl, '--json']);
    assert.equal(verdict.code, 1);
    assert.equal(verdict.json.valid, false);
    assert.ok(verdict.json.reasons.some((r: { code: string }) => /revoked/.test(r.code)), JSON.stringify(verdict.json.reasons));
  });

  it('the citizen adds a guardian and moves to a new key; the old key then acts for nobody', async () => {
    ok(await as('citizen', ['guardian', 'add', addresses.mother!, '--threshold', '1']), 'guardian');
    const status = ok(await as('citizen', ['recovery', 'status', addresses.citizen!]), 'status');
    assert.deepEqual(status.guardians.map((g: string) => g.toLowerCase()), [addresses.mother!.toLowerCase()]);
    const fresh = ok(await cli(['key', 'create', 'citizen-2026', '--json']), 'new key');
    ok(await as('citizen', ['key', 'rotate', '--to', 'citizen-2026']), 'rotate');
    const key = await fetch(`${service.url}/identities/${addresses.citizen}/key`).then((r) => r.json()) as { key: string };
    assert.equal(key.key.toLowerCase(), fresh.address.toLowerCase());
    const retired = await as('citizen', ['unlink', birthUid]);
    assert.equal(retired.code, 3, 'the retired key can no longer sign for the identity');
    assert.ok(retired.json.error.code, JSON.stringify(retired.json));
    // The new key acts for the identity: it unlinks the birth certificate.
    const unlinked = ok(await cli(['unlink', birthUid, '--key', 'citizen-2026', '--identity', addresses.citizen!, '--json']), 'unlink with the new key');
    assert.equal(unlinked.write.status, 'confirmed');
  });
});
