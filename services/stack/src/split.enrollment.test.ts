import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestClient, createWalletClient, http, keccak256, stringToHex, type Address, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { generateDocument } from '@identree/documents';
import { CredentialType, accreditVerifier, identreeActions, signFieldConfirmation } from '@identree/sdk';
import { bootStack, loginOverHttp, startSplitScript } from './testing/stackProcess.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The embedded chain's sponsor: it deploys the registries, and is the identity provider that attests. */
const provider = devAccount(0);
const h = (label: string): Hash => keccak256(stringToHex(label));

const reachable = await (async () => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return `PostgreSQL not reachable at ${ADMIN_URL}: skipped the split arrangement's enrollment test (${(error as Error).message})`;
  }
})();

// `npm run start:split` with DOCUMENT_ENROLLMENT=1: the API runs apart from the chain worker, which alone
// holds the sponsor key, so the enrollee's enrollment and the provider's batches and attestation are all
// sent from the worker's outbox. The routes answer as in `npm start` (services/api/src/routes/enrollments.test.ts).
describe('document enrollment in the split arrangement', { skip: reachable }, () => {
  let dataDir: string;
  const database = `identree_enrollment_${process.pid}`;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-split-enrollment-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await admin.end();
  });

  it('enrolls a document over HTTP: relayed enrollment, the verifiers\' answers, the provider\'s attestation through the outbox', async () => {
    const port = 22_000 + Math.floor(Math.random() * 900);
    const url = `http://127.0.0.1:${port}`;
    const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
    const stack = await bootStack(startSplitScript, {
      DATA_DIR: dataDir, PORT: String(port), GRPC_PORT: String(port + 1), CHAIN_PORT: String(port + 2), DATABASE_URL: databaseUrl, VERIFY_THREADS: '0',
      DOCUMENT_ENROLLMENT: '1',
      // Thirty verifiers, the enrollee and the provider sign in from one address within the minute.
      RATE_LIMIT_SIGNINS_PER_CLIENT: '100',
    }, /Identree, split/);
    try {
      const health = (await (await fetch(`${url}/health`)).json()) as { registry: Address; chainId: number; enrollmentRegistry?: Address };
      const enrollmentRegistry = health.enrollmentRegistry!;
      assert.match(enrollmentRegistry ?? '', /^0x[0-9a-fA-F]{40}$/, 'the API names the registry the worker deployed');
      assert.match(stack.output(), new RegExp(`enrollment +${enrollmentRegistry} \\(document enrollment registry`), 'and so does the banner');
      const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
      const { chainId } = health;
      // The sponsor's own setup, on chain directly while the worker is idle: the people and the verifier pool.
      const gov = createWalletClient({ account: provider, transport: http(rpcUrl) }).extend(identreeActions(health.registry));
      const enrollee = privateKeyToAccount(generatePrivateKey());
      const verifiers = Array.from({ length: 30 }, (_, i) => privateKeyToAccount(h(`split verifier ${i}`)));
      await gov.registerEntity({ entity: enrollee.address, kind: 'Person' });
      for (const v of verifiers) {
        await gov.registerEntity({ entity: v.address, kind: 'Person' });
        await accreditVerifier(gov, { enrollmentRegistry, verifier: v.address });
      }
      const call = async (method: string, route: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
        const res = await fetch(`${url}${route}`, {
          method,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      };

      // The enrollee uploads the photo (OCR in the API process), then signs the Enroll message the sponsor relays.
      const enrolleeToken = await loginOverHttp(url, enrollee, chainId);
      const photo = generateDocument({ templateId: 'residence-card', seed: 'split', index: 0 }).clean;
      const uploaded = await fetch(`${url}/enrollments/documents?template=residence-card`, { method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${enrolleeToken}` }, body: new Uint8Array(photo) });
      const submitted = (await uploaded.json()) as { enrollment: Hash; imageHash: Hash; fieldsRoot: Hash; fieldCount: number };
      assert.equal(uploaded.status, 201, JSON.stringify(submitted));
      const { enrollment } = submitted;
      const commitment = { enrollee: enrollee.address, imageHash: submitted.imageHash, fieldsRoot: submitted.fieldsRoot, fieldCount: submitted.fieldCount };
      const typed = (await call('POST', '/prepare/enrollment', undefined, commitment)).body;
      const signature = await enrollee.signTypedData({ ...typed, message: { ...typed.message, deadline: BigInt(typed.message.deadline) } } as never);
      const relayed = await call('POST', '/enrollments', enrolleeToken, { ...commitment, deadline: Number(typed.message.deadline), signature }, { 'idempotency-key': 'split-enroll-0' });
      assert.equal(relayed.status, 200, JSON.stringify(relayed.body));
      // The panels are drawn from the enrollment block's hash, readable from the next block on.
      await createTestClient({ mode: 'anvil', transport: http(rpcUrl) }).mine({ blocks: 1 });

      // Each verifier signs in, reads its assigned fields and signs its answers with the SDK.
      const answers: { field: number; token: string; body: object }[] = [];
      for (const verifier of verifiers) {
        const token = await loginOverHttp(url, verifier, chainId);
        const tasks = await call('GET', `/enrollments/${enrollment}/tasks`, token);
        assert.equal(tasks.status, 200, JSON.stringify(tasks.body));
        for (const task of tasks.body.tasks as { field: number; slot: number; fieldHash: Hash; committedTextHash: Hash }[]) {
          const body = await signFieldConfirmation(gov, { account: verifier, enrollmentRegistry, enrollment, field: task.field, slot: task.slot, fieldHash: task.fieldHash, committedTextHash: task.committedTextHash });
          answers.push({ field: task.field, token, body });
        }
      }
      assert.equal(answers.length, 30, 'ten fields, three verifiers each');
      const answer = async (which: (field: number) => boolean) => {
        for (const a of answers.filter((x) => which(x.field))) {
          const res = await call('POST', `/enrollments/${enrollment}/confirmations`, a.token, a.body);
          assert.equal(res.status, 202, JSON.stringify(res.body));
        }
      };

      const providerToken = await loginOverHttp(url, provider, chainId);
      const credentialCommitment = h('split enrollee residence card attributes');
      const attest = () => call('POST', `/enrollments/${enrollment}/attestation`, providerToken, { credentialCommitment });
      // A field still open: the batch is recorded through the outbox alone, and the answer is npm start's 409.
      await answer((field) => field !== 9);
      const early = await attest();
      assert.equal(early.status, 409, JSON.stringify(early.body));
      assert.equal(early.body.error, 'not_enrolled');
      assert.match(early.body.message, /Field 9/);
      await answer((field) => field === 9);
      const { uid } = await gov.anchorCredential({ subject: enrollee.address, credentialType: CredentialType.Passport, commitment: credentialCommitment });
      const attested = await attest();
      assert.equal(attested.status, 200, JSON.stringify(attested.body));
      assert.deepEqual(attested.body, { credential: uid, batches: 2 }, 'the credential and the batch count come from the confirmed write');

      const proof = await call('GET', `/enrollments/${enrollment}/proof`, undefined);
      assert.equal(proof.status, 200, JSON.stringify(proof.body));
      assert.equal(proof.body.status, 'Attested');
      assert.equal(proof.body.confirmations.length, 30);
      assert.equal(proof.body.sound, true);
    } finally {
      await stack.stop();
    }
  });
});
