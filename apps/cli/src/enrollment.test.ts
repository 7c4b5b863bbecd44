import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestClient, createWalletClient, http, keccak256, parseEther, stringToHex, type Address, type Hash } from 'viem';
import { foundry } from 'viem/chains';
import { privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey } from '@identree/devchain';
import { CredentialType, accreditVerifier, identreeActions } from '@identree/sdk';
import { generateDocument } from '@identree/documents';
import { cliRunner, startEmbeddedService, type CliResult } from './testing/cliProcess.js';

const VERIFIERS = 30;
const verifierKey = (i: number): Hash => keccak256(stringToHex(`cli enrollment verifier ${i}`));

/**
 * `identree enrollment submit|tasks|confirm|attest|proof` against the whole embedded stack (`npm start`'s
 * code: anvil, the enrollment registry it deploys, tesseract OCR), with a document from the seeded corpus.
 * The registrar's set-up of thirty verifiers goes through the SDK: the CLI has no verifier accreditation.
 */
describe('identree enrollment', () => {
  let service: Awaited<ReturnType<typeof startEmbeddedService>>;
  let home: string;
  let cli: ReturnType<typeof cliRunner>;
  let citizen: Address;
  const ok = (r: CliResult, what: string) => {
    assert.equal(r.code, 0, `${what}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    return r.json;
  };
  const as = (key: string, args: string[]) => cli([...args, '--key', key, '--json']);

  before(async () => {
    service = await startEmbeddedService();
    assert.ok(service.enrollmentRegistry, 'the banner names the enrollment registry');
    home = mkdtempSync(path.join(tmpdir(), 'identree-cli-enrollment-'));
    cli = cliRunner({
      IDENTREE_HOME: home, IDENTREE_PASSPHRASE: 'a long test passphrase', IDENTREE_LIGHT_KDF: '1', IDENTREE_SERVICE: service.url,
      IDENTREE_RPC: service.rpcUrl, IDENTREE_ENROLLMENT_REGISTRY: service.enrollmentRegistry,
    });
    ok(await cli(['key', 'import', 'gov', '--stdin', '--json'], { input: `${devPrivateKey(0)}\n` }), 'import gov');
    citizen = ok(await cli(['key', 'create', 'citizen', '--json']), 'create').address;
    ok(await as('gov', ['entity', 'register', citizen, '--kind', 'Person']), 'register citizen');
    // The enrollee sends `enroll` itself and pays for it.
    await createTestClient({ mode: 'anvil', chain: foundry, transport: http(service.rpcUrl) }).setBalance({ address: citizen, value: parseEther('1') });
    const gov = createWalletClient({ account: privateKeyToAccount(devPrivateKey(0)), chain: foundry, transport: http(service.rpcUrl) });
    const root = gov.extend(identreeActions(service.registry));
    for (let i = 0; i < VERIFIERS; i++) {
      const verifier = privateKeyToAccount(verifierKey(i)).address;
      await root.registerEntity({ entity: verifier, kind: 'Person' });
      await accreditVerifier(gov, { enrollmentRegistry: service.enrollmentRegistry, verifier });
    }
    for (let i = 0; i < VERIFIERS; i += 6) {
      await Promise.all(Array.from({ length: Math.min(6, VERIFIERS - i) }, (_, j) =>
        cli(['key', 'import', `v${i + j}`, '--stdin', '--json'], { input: `${verifierKey(i + j)}\n` }).then((r) => ok(r, `import v${i + j}`))));
    }
  });
  after(async () => {
    await service?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
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
    const notProvider = await cli(['enrollment', 'attest', enrollment, '--credential', keccak256(stringToHex('x')), '--key', 'citizen']);
    assert.equal(notProvider.code, 3, notProvider.stdout + notProvider.stderr);
    assert.match(notProvider.stderr, /only the identity provider/);

    // The provider anchors the credential for the enrollee through the SDK, as the route test does: the
    // CLI's `credential issue` answers a credential uid, which the enrollment registry does not take.
    const commitment = keccak256(stringToHex(`attributes of ${citizen} read from ${enrollment}`));
    const gov = createWalletClient({ account: privateKeyToAccount(devPrivateKey(0)), chain: foundry, transport: http(service.rpcUrl) });
    await gov.extend(identreeActions(service.registry)).anchorCredential({ subject: citizen, credentialType: CredentialType.Passport, commitment });
    const attested = ok(await as('gov', ['enrollment', 'attest', enrollment, '--credential', commitment]), 'attest');
    assert.match(attested.credential, /^0x[0-9a-f]{64}$/, 'the registry answers the attested credential\'s id');
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
});
