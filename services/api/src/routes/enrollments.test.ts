import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createCanvas } from '@napi-rs/canvas';
import { keccak256, stringToHex, type Address, type Hash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startAnvil, type Anvil } from '@identree/devchain';
import {
  CredentialType,
  accreditVerifier,
  deployEnrollmentRegistry,
  deployIdentityRegistry,
  enrollDocument,
  identreeActions,
  signFieldConfirmation,
  type FieldConfirmation,
} from '@identree/sdk';
import { createTesseractRecogniser, generateDocument, readDocument, type FieldRecogniser } from '@identree/documents';
import { memorySubmissionStore, sdkEnrollmentChain, type SubmissionStore } from '@identree/enrollment';
import { openStorage } from '@identree/store';
import { installErrorHandler } from '../errors.js';
import { enrollmentRoutes } from './enrollments.js';

const h = (label: string): Hash => keccak256(stringToHex(label));
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * The enrollment routes alone over a real chain (anvil), real OCR (tesseract.js) and the embedded
 * submission store. Sign-in is stubbed: `x-test-account` names the caller, as a verified token would.
 */
describe('enrollment routes', () => {
  let chain: Anvil;
  let app: FastifyInstance;
  let recogniser: FieldRecogniser;
  const store = memorySubmissionStore();
  const verifiers = Array.from({ length: 30 }, (_, i) => privateKeyToAccount(h(`route verifier ${i}`)));
  const byAddress = new Map(verifiers.map((v) => [v.address.toLowerCase(), v]));
  let enrollee: Address;
  let provider: Address;
  let enrollmentRegistry: Address;
  let registry: Address;
  const clean = generateDocument({ templateId: 'residence-card', seed: 'routes', index: 0 }).clean;

  before(async () => {
    chain = await startAnvil({ accounts: 4 });
    const gov = chain.wallet(0);
    provider = gov.account.address;
    enrollee = chain.wallet(1).account.address;
    ({ registry } = await deployIdentityRegistry(gov));
    const root = gov.extend(identreeActions(registry));
    ({ enrollmentRegistry } = await deployEnrollmentRegistry(gov, { registry }));
    await root.registerEntity({ entity: enrollee, kind: 'Person' });
    for (const v of verifiers) {
      await root.registerEntity({ entity: v.address, kind: 'Person' });
      await accreditVerifier(gov, { enrollmentRegistry, verifier: v.address });
    }
    recogniser = await createTesseractRecogniser();
    app = await mountRoutes(store);
  });
  const mountRoutes = async (submissions: SubmissionStore) => {
    const gov = chain.wallet(0);
    const mounted = Fastify();
    installErrorHandler(mounted);
    mounted.decorate('requireAuth', () => async (request: { headers: Record<string, unknown> }) => {
      Object.assign(request, { user: { address: request.headers['x-test-account'], role: 'holder' } });
    });
    await mounted.register(enrollmentRoutes, {
      enrollment: {
        chain: sdkEnrollmentChain(gov, enrollmentRegistry, chain.chain.id),
        store: submissions,
        read: (image, templateId) => readDocument({ image, templateId, recogniser }),
        provider: { address: provider, client: gov },
        maxDocumentBytes: MAX_BYTES,
      },
    });
    return mounted;
  };
  after(async () => {
    await app?.close();
    await recogniser?.close();
    await chain?.stop();
  });

  const upload = (body: Buffer, contentType = 'image/png', template = 'residence-card') =>
    app.inject({ method: 'POST', url: `/enrollments/documents?template=${template}`, headers: { 'content-type': contentType, 'x-test-account': enrollee }, payload: body });

  describe('a bad upload is a clear 400 or 413 and leaves nothing stored', () => {
    it('refuses bytes that are not an image', async () => {
      const res = await upload(Buffer.from('%PDF-1.7 not a photo at all'), 'application/octet-stream');
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, 'not_an_image');
      assert.equal(store.size(), 0);
    });

    it('refuses a truncated PNG', async () => {
      const res = await upload(clean.subarray(0, Math.floor(clean.length / 3)));
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, 'not_an_image');
      assert.equal(store.size(), 0);
    });

    it('refuses a PNG whose bytes were corrupted in the middle', async () => {
      const corrupt = Buffer.from(clean);
      corrupt.fill(0x55, 100, 4000);
      const res = await upload(corrupt);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(store.size(), 0);
    });

    it('refuses a photo with no document in it', async () => {
      const canvas = createCanvas(640, 400);
      const g = canvas.getContext('2d');
      g.fillStyle = '#202020';
      g.fillRect(0, 0, 640, 400);
      const res = await upload(canvas.encodeSync('png'));
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, 'document_not_found');
      assert.equal(store.size(), 0);
    });

    it('refuses an upload over the size limit with 413', async () => {
      const res = await upload(Buffer.alloc(MAX_BYTES + 1, 1));
      assert.equal(res.statusCode, 413, res.body);
      assert.equal(store.size(), 0);
    });

    it('refuses an empty body and an unknown template', async () => {
      assert.equal((await upload(Buffer.alloc(0))).statusCode, 400);
      const res = await upload(clean, 'image/png', 'library-card');
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error, 'unknown_template');
      assert.equal(store.size(), 0);
    });
  });

  describe('a document from upload to attested credential', () => {
    let enrollment: Hash;
    let tasksByVerifier: Map<string, { field: number; slot: number; fieldHash: Hash; committedTextHash: Hash; crop: string }[]>;

    before(async () => {
      const res = await upload(clean);
      assert.equal(res.statusCode, 201, res.body);
      const submitted = res.json() as { enrollment: Hash; imageHash: Hash; fieldsRoot: Hash; fieldCount: number };
      assert.equal(submitted.fieldCount, 10);
      const onChain = await enrollDocument(chain.wallet(1), { enrollmentRegistry, imageHash: submitted.imageHash, fieldsRoot: submitted.fieldsRoot, fieldCount: 10 });
      assert.equal(onChain.enrollment, submitted.enrollment, 'the service and the registry derive the same id');
      enrollment = submitted.enrollment;
      await chain.test.mine({ blocks: 1 });
      tasksByVerifier = new Map();
      for (const v of verifiers) {
        const t = await app.inject({ method: 'GET', url: `/enrollments/${enrollment}/tasks`, headers: { 'x-test-account': v.address } });
        assert.equal(t.statusCode, 200, t.body);
        // The EIP-712 domain a browser signs under without a chain connection.
        assert.deepEqual([t.json().chainId, t.json().enrollmentRegistry], [chain.chain.id, enrollmentRegistry]);
        tasksByVerifier.set(v.address.toLowerCase(), t.json().tasks);
      }
    });

    it('gives each verifier only its assigned fields, never more than k = 2 of the document', () => {
      let slots = 0;
      for (const tasks of tasksByVerifier.values()) {
        assert.ok(new Set(tasks.map((t) => t.field)).size <= 2);
        for (const t of tasks) assert.ok(Buffer.from(t.crop, 'base64').subarray(1, 4).toString() === 'PNG');
        slots += tasks.length;
      }
      assert.equal(slots, 30, 'ten fields, three verifiers each');
    });

    it('refuses a confirmation signed by a verifier not assigned to that field', async () => {
      const [[owner, [task]]] = [...tasksByVerifier.entries()].filter(([, t]) => t.length > 0);
      const outsider = verifiers.find((v) => !tasksByVerifier.get(v.address.toLowerCase())!.some((t) => t.field === task!.field))!;
      assert.notEqual(outsider.address.toLowerCase(), owner);
      const signed = await sign(outsider.address, task!);
      const res = await app.inject({ method: 'POST', url: `/enrollments/${enrollment}/confirmations`, headers: { 'x-test-account': outsider.address }, payload: signed });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().error, 'verifier_not_assigned');
      // Posted under the assigned verifier's name, the outsider's signature is refused too.
      const claimed = await app.inject({ method: 'POST', url: `/enrollments/${enrollment}/confirmations`, headers: { 'x-test-account': owner }, payload: signed });
      assert.equal(claimed.statusCode, 400, claimed.body);
      assert.equal(claimed.json().error, 'confirmation_invalid');
    });

    it('takes every assigned answer, lets only the provider attest, and proves each confirmation alone', async () => {
      const answerAll = async (which: (field: number) => boolean) => {
        for (const [address, tasks] of tasksByVerifier) {
          for (const task of tasks.filter((t) => which(t.field))) {
            const res = await app.inject({ method: 'POST', url: `/enrollments/${enrollment}/confirmations`, headers: { 'x-test-account': address }, payload: await sign(address as Address, task) });
            assert.equal(res.statusCode, 202, res.body);
          }
        }
      };
      const credentialCommitment = h('enrollee residence card attributes');
      const attest = (account: Address) =>
        app.inject({ method: 'POST', url: `/enrollments/${enrollment}/attestation`, headers: { 'x-test-account': account }, payload: { credentialCommitment } });
      // Every field but the last: the answers are recorded as a batch and the attestation waits (409).
      await answerAll((field) => field !== 9);
      const early = await attest(provider);
      assert.equal(early.statusCode, 409, early.body);
      assert.equal(early.json().error, 'not_enrolled');
      assert.match(early.json().message, /Field 9/);
      await answerAll((field) => field === 9);
      const notProvider = await attest(enrollee);
      assert.equal(notProvider.statusCode, 403, notProvider.body);

      // The last batch and the attestation go in one transaction.
      await chain.wallet(0).extend(identreeActions(registry)).anchorCredential({ subject: enrollee, credentialType: CredentialType.Passport, commitment: credentialCommitment });
      const attested = await attest(provider);
      assert.equal(attested.statusCode, 200, attested.body);
      assert.equal(attested.json().batches, 2);

      const proof = await app.inject({ method: 'GET', url: `/enrollments/${enrollment}/proof` });
      assert.equal(proof.statusCode, 200, proof.body);
      const body = proof.json();
      assert.equal(body.status, 'Attested');
      assert.equal(body.confirmations.length, 30);
      assert.ok(body.confirmations.every((c: { fault: string }) => c.fault === 'None'));
      assert.equal(body.sound, true);
      assert.ok(!proof.body.includes('"text"') && !proof.body.includes('"crop"'), 'the proof carries hashes only');
    });

    it('refuses another answer for a slot already recorded on chain, and takes the same answer sent again', async () => {
      const [address, [task]] = [...tasksByVerifier.entries()].find(([, t]) => t.length > 0)!;
      const post = (payload: object) => app.inject({ method: 'POST', url: `/enrollments/${enrollment}/confirmations`, headers: { 'x-test-account': address }, payload });
      const again = await post(await sign(address as Address, task!));
      assert.equal(again.statusCode, 202, again.body);
      const correction = await signFieldConfirmation(chain.wallet(0), {
        account: byAddress.get(address)!, enrollmentRegistry, enrollment, field: task!.field, slot: task!.slot, fieldHash: task!.fieldHash, committedTextHash: task!.committedTextHash, correctedText: 'X',
      });
      const refused = await post(correction);
      assert.equal(refused.statusCode, 409, refused.body);
      assert.equal(refused.json().error, 'already_answered');
      assert.match(refused.json().message, new RegExp(`^Slot ${task!.slot} of field ${task!.field} \\(.+\\) already has .* confirmation; the first answer stands and this one was not taken\\.$`));
      assert.equal((await store.get(enrollment))!.pending.length, 0, 'nothing waits to be recorded after the attestation');
    });

    it('answers 404 for an enrollment it never saw, and 400 for a malformed id', async () => {
      const unknown = await app.inject({ method: 'GET', url: `/enrollments/${h('nothing')}/tasks`, headers: { 'x-test-account': enrollee } });
      assert.equal(unknown.statusCode, 404, unknown.body);
      const malformed = await app.inject({ method: 'GET', url: '/enrollments/0x1234/proof' });
      assert.equal(malformed.statusCode, 400, malformed.body);
    });

    async function sign(verifier: Address, task: { field: number; slot: number; fieldHash: Hash; committedTextHash: Hash }): Promise<FieldConfirmation> {
      return signFieldConfirmation(chain.wallet(0), {
        account: byAddress.get(verifier.toLowerCase())!,
        enrollmentRegistry,
        enrollment,
        field: task.field,
        slot: task.slot,
        fieldHash: task.fieldHash,
        committedTextHash: task.committedTextHash,
      });
    }
  });

  describe('submissions kept in the database', () => {
    type Task = { field: number; slot: number; name: string; crop: string; text: string; fieldHash: Hash; committedTextHash: Hash };
    let dataDir: string;
    before(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'identree-enrollments-'));
    });
    after(() => rm(dataDir, { recursive: true, force: true }));

    it('keeps a salted correction with its opening off chain, refuses one without it, and refuses another answer for its slot', async () => {
      const storage = await openStorage({ dataDir });
      const api = await mountRoutes(storage.enrollmentSubmissions);
      try {
        const photo = generateDocument({ templateId: 'residence-card', seed: 'routes', index: 1 }).clean;
        const res = await api.inject({ method: 'POST', url: '/enrollments/documents?template=residence-card', headers: { 'content-type': 'image/png', 'x-test-account': enrollee }, payload: photo });
        assert.equal(res.statusCode, 201, res.body);
        const { enrollment, imageHash, fieldsRoot } = res.json() as { enrollment: Hash; imageHash: Hash; fieldsRoot: Hash };
        await enrollDocument(chain.wallet(1), { enrollmentRegistry, imageHash, fieldsRoot, fieldCount: 10 });
        await chain.test.mine({ blocks: 1 });
        const { verifier, task } = await firstTask(api, enrollment);
        const post = (payload: object) => api.inject({ method: 'POST', url: `/enrollments/${enrollment}/confirmations`, headers: { 'x-test-account': verifier.address }, payload });
        const base = { enrollmentRegistry, enrollment, field: task.field, slot: task.slot, fieldHash: task.fieldHash, committedTextHash: task.committedTextHash };

        // The old way: an unsalted hash of the typed text, which anyone could match against "M" and "F".
        const unsalted = await signFieldConfirmation(chain.wallet(0), { ...base, account: verifier, correctedTextHash: keccak256(stringToHex('F')) });
        const bare = await post(unsalted);
        assert.equal(bare.statusCode, 400, bare.body);
        assert.equal(bare.json().error, 'correction_invalid');
        const salted = await signFieldConfirmation(chain.wallet(0), { ...base, account: verifier, correctedText: 'F' });
        const wrong = await post({ ...salted, correction: { ...salted.correction!, text: 'M' } });
        assert.equal(wrong.statusCode, 400, wrong.body);
        assert.equal(wrong.json().error, 'correction_invalid');
        const taken = await post(salted);
        assert.equal(taken.statusCode, 202, taken.body);
        // The same signed answer again is a retry; another answer for the slot is refused, not dropped in silence.
        const retried = await post(salted);
        assert.deepEqual([retried.statusCode, retried.json()], [202, { pending: 1 }], retried.body);
        const second = await signFieldConfirmation(chain.wallet(0), { ...base, account: verifier, correctedText: 'M' });
        const refused = await post(second);
        assert.equal(refused.statusCode, 409, refused.body);
        assert.equal(refused.json().error, 'already_answered');
        assert.match(refused.json().message, new RegExp(`^Slot ${task.slot} of field ${task.field} \\(${task.name}\\) already has .* correction; the first answer stands`));

        const kept = await storage.enrollmentSubmissions.get(enrollment);
        const { correction, ...onChain } = salted;
        assert.deepEqual(kept?.pending, [onChain], 'what goes on chain carries no text and no salt');
        assert.deepEqual(kept?.corrections, [{ field: task.field, slot: task.slot, ...correction }]);
      } finally {
        await api.close();
        await storage.close();
      }
    });

    it('still serves the tasks and the answers received after the API restarts on the same database', async () => {
      let storage = await openStorage({ dataDir });
      let api = await mountRoutes(storage.enrollmentSubmissions);
      let enrollment: Hash;
      let earlier: { verifier: ReturnType<typeof privateKeyToAccount>; tasks: Task[] };
      try {
        const photo = generateDocument({ templateId: 'residence-card', seed: 'routes', index: 2 }).clean;
        const res = await api.inject({ method: 'POST', url: '/enrollments/documents?template=residence-card', headers: { 'content-type': 'image/png', 'x-test-account': enrollee }, payload: photo });
        assert.equal(res.statusCode, 201, res.body);
        const submitted = res.json() as { enrollment: Hash; imageHash: Hash; fieldsRoot: Hash };
        enrollment = submitted.enrollment;
        await enrollDocument(chain.wallet(1), { enrollmentRegistry, imageHash: submitted.imageHash, fieldsRoot: submitted.fieldsRoot, fieldCount: 10 });
        await chain.test.mine({ blocks: 1 });
        const { verifier, task } = await firstTask(api, enrollment);
        const answer = await signFieldConfirmation(chain.wallet(0), {
          account: verifier, enrollmentRegistry, enrollment, field: task.field, slot: task.slot, fieldHash: task.fieldHash, committedTextHash: task.committedTextHash,
        });
        const posted = await api.inject({ method: 'POST', url: `/enrollments/${enrollment}/confirmations`, headers: { 'x-test-account': verifier.address }, payload: answer });
        assert.equal(posted.statusCode, 202, posted.body);
        earlier = { verifier, tasks: (await api.inject({ method: 'GET', url: `/enrollments/${enrollment}/tasks`, headers: { 'x-test-account': verifier.address } })).json().tasks };
      } finally {
        await api.close();
        await storage.close();
      }

      storage = await openStorage({ dataDir });
      api = await mountRoutes(storage.enrollmentSubmissions);
      try {
        const restarted = await api.inject({ method: 'GET', url: `/enrollments/${enrollment}/tasks`, headers: { 'x-test-account': earlier.verifier.address } });
        assert.equal(restarted.statusCode, 200, restarted.body);
        assert.deepEqual(restarted.json().tasks, earlier.tasks, 'the same fields, crops byte for byte, and texts');
        assert.equal((await storage.enrollmentSubmissions.get(enrollment))?.pending.length, 1, 'the answer sent before the restart is still waiting to be recorded');
      } finally {
        await api.close();
        await storage.close();
      }
    });

    /** The first verifier (in key order) with a field of `enrollment`, and that field. */
    async function firstTask(api: FastifyInstance, enrollment: Hash) {
      for (const verifier of verifiers) {
        const t = await api.inject({ method: 'GET', url: `/enrollments/${enrollment}/tasks`, headers: { 'x-test-account': verifier.address } });
        assert.equal(t.statusCode, 200, t.body);
        const [task] = t.json().tasks as Task[];
        if (task) return { verifier, task };
      }
      throw new Error('no verifier was assigned a field');
    }
  });
});
