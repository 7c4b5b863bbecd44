import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestClient, createWalletClient, http, keccak256, parseEther, stringToHex, type Address, type Hash } from 'viem';
import { foundry } from 'viem/chains';
import { privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { createHash } from 'node:crypto';
import { identreeActions } from '@identree/sdk';
import { generateDocument } from '@identree/documents';
import { ok, startCliSession, type CliSession } from './testing/cliSession.js';

const VERIFIERS = 30;
const verifierKey = (i: number): Hash => keccak256(stringToHex(`cli enrollment verifier ${i}`));

/**
 * `identree enrollment submit|tasks|confirm|attest|proof` against the whole embedded stack (`npm start`'s
 * code: anvil, the enrollment registry it deploys, tesseract OCR), with a document from the seeded corpus.
 * The thirty verifiers are registered through the SDK (for speed) and accredited with `enrollment accredit`.
 */
describe('identree enrollment', () => {
  let session: CliSession;
  let service: CliSession['service'];
  let home: string;
  let cli: CliSession['cli'];
  let as: CliSession['as'];
  let citizen: Address;
  let issuedUid: string | undefined;

  before(async () => {
    session = await startCliSession('enrollment', (s) => ({ IDENTREE_RPC: s.rpcUrl, IDENTREE_ENROLLMENT_REGISTRY: s.enrollmentRegistry }));
    ({ service, home, cli, as } = session);
    assert.ok(service.enrollmentRegistry, 'the banner names the enrollment registry');
    ok(await cli(['key', 'import', 'gov', '--stdin', '--json'], { input: `${devPrivateKey(0)}\n` }), 'import gov');
    citizen = ok(await cli(['key', 'create', 'citizen', '--json']), 'create').address;
    ok(await as('gov', ['entity', 'register', citizen, '--kind', 'Person']), 'register citizen');
    // The enrollee sends `enroll` itself and pays for it.
    await createTestClient({ mode: 'anvil', chain: foundry, transport: http(service.rpcUrl) }).setBalance({ address: citizen, value: parseEther('1') });
    const gov = createWalletClient({ account: privateKeyToAccount(devPrivateKey(0)), chain: foundry, transport: http(service.rpcUrl) });
    const root = gov.extend(identreeActions(service.registry));
    for (let i = 0; i < VERIFIERS; i++) await root.registerEntity({ entity: privateKeyToAccount(verifierKey(i)).address, kind: 'Person' });
    // One at a time: each is a transaction from the government's key, sent to the node with the next nonce.
    for (let i = 0; i < VERIFIERS; i++) {
      const verifier = privateKeyToAccount(verifierKey(i)).address;
      const accredited = ok(await as('gov', ['enrollment', 'accredit', verifier]), `accredit v${i}`);
      assert.equal(accredited.verifier, verifier);
      assert.match(accredited.transactionHash, /^0x[0-9a-f]{64}$/);
    }
    for (let i = 0; i < VERIFIERS; i += 6) {
      await Promise.all(Array.from({ length: Math.min(6, VERIFIERS - i) }, (_, j) =>
        cli(['key', 'import', `v${i + j}`, '--stdin', '--json'], { input: `${verifierKey(i + j)}\n` }).then((r) => ok(r, `import v${i + j}`))));
    }
  });
  after(async () => {
    await session?.stop();
  });

  it('lets only a government accredit a verifier, and says so in words', async () => {
    const refused = await as('citizen', ['enrollment', 'accredit', privateKeyToAccount(verifierKey(0)).address]);
    assert.equal(refused.code, 3, refused.stdout + refused.stderr);
    assert.equal(refused.json.error.code, 'enrollment_not_a_government');
    assert.match(refused.json.error.message, /is not an active government/);
    const again = await as('gov', ['enrollment', 'accredit', privateKeyToAccount(verifierKey(0)).address]);
    assert.equal(again.code, 3, again.stdout + again.stderr);
    assert.equal(again.json.error.code, 'enrollment_verifier_already_accredited');
  });

  it('refuses a non-image upload in words, with nothing recorded', async () => {
    const file = path.join(home, 'not-a-photo.pdf');
    writeFileSync(file, '%PDF-1.7 not a photo at all');
    const refused = await cli(['enrollment', 'submit', file, '--template', 'residence-card', '--key', 'citizen']);
    assert.equal(refused.code, 3, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /not a readable PNG or JPEG image/);
    assert.match(refused.stderr, /what to do: send the photo itself/);
  });

  it('submits a generated residence card, verifiers confirm their fields only, the provider attests and the proof checks', async () => {
    const photo = path.join(home, 'residence-card.png');
    writeFileSync(photo, generateDocument({ templateId: 'residence-card', seed: 'cli enrollment', index: 0 }).clean);
    const submitted = ok(await as('citizen', ['enrollment', 'submit', photo, '--template', 'residence-card', '--out', path.join(home, 'salts.json')]), 'submit');
    assert.equal(submitted.fieldCount, 10);
    assert.equal(submitted.fields.length, 10);
    assert.match(submitted.transactionHash, /^0x[0-9a-f]{64}$/);
    const enrollment = submitted.enrollment as Hash;
    // The verifiers are drawn from the hash of the block after the enrollment's.
    await createTestClient({ mode: 'anvil', chain: foundry, transport: http(service.rpcUrl) }).mine({ blocks: 1 });

    const tasks = new Map<number, { field: number; name: string; text: string }[]>();
    for (let i = 0; i < VERIFIERS; i++) tasks.set(i, ok(await as(`v${i}`, ['enrollment', 'tasks', enrollment]), `tasks v${i}`).tasks);
    assert.equal([...tasks.values()].reduce((n, t) => n + t.length, 0), 30, 'ten fields, three verifiers each');
    for (const t of tasks.values()) assert.ok(new Set(t.map((x) => x.field)).size <= 2, 'no verifier sees more than k = 2 fields');

    // A verifier naming a field the registry did not give it is refused, and nothing is signed for it.
    const [owner] = [...tasks.entries()].find(([, t]) => t.length > 0)!;
    const field = tasks.get(owner)![0]!;
    const [outsider] = [...tasks.entries()].find(([, t]) => t.length > 0 && !t.some((x) => x.field === field.field))!;
    const refused = await cli(['enrollment', 'confirm', enrollment, '--field', field.name, '--key', `v${outsider}`]);
    assert.equal(refused.code, 3, refused.stdout + refused.stderr);
    assert.match(refused.stderr, new RegExp(`field ${field.name} of ${enrollment} is not assigned`));

    let answered = 0;
    for (const [i, t] of tasks) {
      if (t.length === 0) continue;
      const confirmed = ok(await as(`v${i}`, ['enrollment', 'confirm', enrollment]), `confirm v${i}`);
      assert.deepEqual(confirmed.answers.map((a: { field: number }) => a.field).sort(), t.map((x) => x.field).sort(), 'every assigned field, and only those');
      assert.ok(confirmed.answers.every((a: { answer: string }) => a.answer === 'confirmed'));
      answered += confirmed.answers.length;
    }
    assert.equal(answered, 30);

    // Someone other than the identity provider may not attest.
    const notProvider = await cli(['enrollment', 'attest', enrollment, '--commitment', keccak256(stringToHex('x')), '--key', 'citizen']);
    assert.equal(notProvider.code, 3, notProvider.stdout + notProvider.stderr);
    assert.match(notProvider.stderr, /only the identity provider/);

    // The provider issues the enrollee's credential with the CLI and attests with the file it wrote.
    const unknown = await as('gov', ['enrollment', 'attest', enrollment, '--credential', keccak256(stringToHex('never issued'))]);
    assert.equal(unknown.code, 3, unknown.stdout + unknown.stderr);
    assert.equal(unknown.json.error.code, 'credential_not_found');
    const credentialFile = path.join(home, 'residence-credential.json');
    // A document type with no schema of its own: issued through the Generic schema, which the answer names.
    const attributes = { documentNumber: 'RC-2026-0001', givenName: 'Ana', birthDate: '2001-05-04', sex: 'F', region: 'Jalisco' };
    const issued = ok(await as('gov', [
      'credential', 'issue', '--type', 'Passport', '--subject', citizen, ...Object.entries(attributes).flatMap(([k, v]) => ['--attr', `${k}=${v}`]), '--out', credentialFile,
    ]), 'issue');
    assert.match(issued.uid, /^0x[0-9a-f]{64}$/);
    assert.equal(issued.schema, 'Generic');
    const saved = JSON.parse(readFileSync(credentialFile, 'utf8'));
    assert.deepEqual([saved.type, saved.credentialSchema.id, saved.proof.uid], [['VerifiableCredential', 'Passport'], 'https://identree.dev/schemas/Generic.json', issued.uid]);
    const attested = ok(await as('gov', ['enrollment', 'attest', enrollment, '--credential', credentialFile]), 'attest');
    assert.equal(attested.credential, issued.uid, 'the registry attests the very credential `credential issue` anchored and saved');
    issuedUid = issued.uid;
    assert.ok(attested.batches >= 1);

    const proof = ok(await cli(['enrollment', 'proof', enrollment, '--json']), 'proof');
    assert.equal(proof.status, 'Attested');
    assert.equal(proof.sound, true);
    assert.equal(proof.confirmations.length, 30);
    assert.ok(proof.confirmations.every((c: { fault: string }) => c.fault === 'None'));
    const human = await cli(['enrollment', 'proof', enrollment]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /sound\s+yes/);
  });

  it('sends a correction committed under a fresh salt, and gives the verifier its opening', async () => {
    const photo = path.join(home, 'residence-card-2.png');
    writeFileSync(photo, generateDocument({ templateId: 'residence-card', seed: 'cli enrollment', index: 1 }).clean);
    const enrollment = ok(await as('citizen', ['enrollment', 'submit', photo, '--template', 'residence-card']), 'submit').enrollment as Hash;
    await createTestClient({ mode: 'anvil', chain: foundry, transport: http(service.rpcUrl) }).mine({ blocks: 1 });
    let verifier = -1;
    let field: { field: number; name: string; text: string } | undefined;
    for (let i = 0; i < VERIFIERS && !field; i++) [field] = ok(await as(`v${(verifier = i)}`, ['enrollment', 'tasks', enrollment]), `tasks v${i}`).tasks;
    assert.ok(field, 'some verifier was assigned a field');

    const corrected = ok(await as(`v${verifier}`, ['enrollment', 'confirm', enrollment, '--field', field.name, '--correct', 'F']), 'correct');
    const [answer] = corrected.answers;
    assert.deepEqual([corrected.answers.length, answer.field, answer.answer, answer.correctedText, answer.pending], [1, field.field, 'corrected', 'F', 1]);
    // The signed hash opens with the salt, as SHA-256 computes it here, and is not the bare hash anyone could try.
    const opened = createHash('sha256').update('identree/enrollment/correction/v1\0').update(Buffer.from(answer.correctionSalt.slice(2), 'hex')).update('F').digest('hex');
    assert.equal(answer.textHash, `0x${opened}`);
    assert.notEqual(answer.textHash, keccak256(stringToHex('F')));

    // The slot keeps its first answer: a second one is reported as not taken, never as sent.
    const human = await cli(['enrollment', 'confirm', enrollment, '--field', field.name, '--correct', 'M', '--key', `v${verifier}`]);
    assert.equal(human.code, 3, human.stdout + human.stderr);
    assert.match(human.stdout, /NOT TAKEN \(corrected to M\): already answered/);
    assert.match(human.stderr, new RegExp(`${field.name}: Slot \\d+ of field ${field.field} \\(${field.name}\\) already has .* correction; the first answer stands`));
    assert.match(human.stderr, new RegExp(`error: 1 answer was not taken: ${field.name} already had an answer from you`));
    const scripted = await as(`v${verifier}`, ['enrollment', 'confirm', enrollment, '--field', field.name]);
    assert.equal(scripted.code, 3, scripted.stdout + scripted.stderr);
    assert.deepEqual(scripted.json.answers.map((a: { field: number; answer: string; taken: boolean }) => [a.field, a.answer, a.taken]), [[field.field, 'confirmed', false]]);
    assert.match(scripted.json.answers[0].notTakenBecause, /the first answer stands and this one was not taken/);

    // The uid form of --credential reaches the service too, which waits for the other fields' answers.
    assert.ok(issuedUid, 'the previous test issued a credential');
    const early = await as('gov', ['enrollment', 'attest', enrollment, '--credential', issuedUid]);
    assert.equal(early.code, 3, early.stdout + early.stderr);
    assert.equal(early.json.error.code, 'not_enrolled');
  });
});
