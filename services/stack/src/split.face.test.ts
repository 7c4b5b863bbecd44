import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPublicClient, createWalletClient, http, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { devAccount } from '@identree/devchain';
import { getFaceTemplateCommitment, identreeActions, sealFaceTemplate } from '@identree/sdk';
import { bootStack, loginOverHttp, startSplitScript } from './testing/stackProcess.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const government = devAccount(0);
const BANNER = /Identree, split/;

const reachable = await (async () => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return `PostgreSQL not reachable at ${ADMIN_URL}: skipped the split arrangement's face test (${(error as Error).message})`;
  }
})();

// `npm run start:split`: the API runs apart from the chain worker, which holds the sponsor key. Face
// templates are enrolled, asked for and erased through the API, their chain writes relayed by the worker.
describe('face templates in the split arrangement', { skip: reachable }, () => {
  let dataDir: string;
  const database = `identree_face_${process.pid}`;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-split-face-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await admin.end();
  });

  it('enrolls, hands out to the holder\'s key and erases a template: the chain worker relays each write', async () => {
    const port = 21_000 + Math.floor(Math.random() * 900);
    const url = `http://127.0.0.1:${port}`;
    const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${database}` }).toString();
    const stack = await bootStack(startSplitScript, { DATA_DIR: dataDir, PORT: String(port), GRPC_PORT: String(port + 1), CHAIN_PORT: String(port + 2), DATABASE_URL: databaseUrl, VERIFY_THREADS: '0' }, BANNER);
    try {
      const { registry, chainId } = (await (await fetch(`${url}/health`)).json()) as { registry: Address; chainId: number };
      const rpcUrl = /embedded anvil at (http:\/\/[0-9.:]+)/.exec(stack.output())![1]!;
      const holderKey = generatePrivateKey();
      const holder = privateKeyToAccount(holderKey);
      // The government registers the holder directly on chain (the split test's subject is the face routes).
      const gov = createWalletClient({ account: government, transport: http(rpcUrl) }).extend(identreeActions(registry));
      await gov.registerEntity({ entity: holder.address, kind: 'Person' });
      const reader = createPublicClient({ transport: http(rpcUrl) });
      const token = await loginOverHttp(url, holder, chainId);
      const json = async (method: string, route: string, body?: unknown, bearer = true) => {
        const res = await fetch(`${url}${route}`, {
          method, headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as Record<string, any> };
      };
      /** The holder's signature over the message the service prepares (a key held elsewhere). */
      const signed = async (action: 'enroll' | 'erase', templateVersion: number, cid?: string) => {
        const prepared = await json('POST', `/prepare/face/${action}`, { identity: holder.address, templateVersion, ...(cid ? { cid } : {}) }, false);
        assert.equal(prepared.status, 200, JSON.stringify(prepared.body));
        const typed = prepared.body;
        const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
        const signature = await holder.signTypedData({ domain: typed.domain, types: typed.types, primaryType: typed.primaryType, message } as never);
        return { action, identity: holder.address, ...(typed.message.cid ? { cid: typed.message.cid } : {}), templateVersion, nonce: String(typed.message.nonce), deadline: String(typed.message.deadline), signature };
      };

      const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i * 3) / 32);
      const { envelope, ciphertext } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 1, recipients: [holder.publicKey] });
      const enroll = await json('POST', '/face/templates', { model: 'human-3.3.6/faceres', envelope, ciphertext: Buffer.from(ciphertext).toString('base64url'), signed: await signed('enroll', 1, envelope.cid) });
      assert.equal(enroll.status, 201, JSON.stringify(enroll.body));
      assert.match(enroll.body.transactionHash, /^0x[0-9a-f]{64}$/);
      const { faceTemplateRegistry } = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(path.join(dataDir, 'face-template-registry.json'), 'utf8')));
      assert.equal((await getFaceTemplateCommitment(reader as never, { faceTemplateRegistry, identity: holder.address })).status, 'enrolled');
      const tx = await reader.getTransaction({ hash: enroll.body.transactionHash as Hex });
      assert.equal(tx.from.toLowerCase(), government.address.toLowerCase(), 'the chain worker\'s sponsor sent it');

      const n = (await (await fetch(`${url}/auth/nonce`, { method: 'POST' })).json()) as Record<string, any>;
      const request = createSiweMessage({ domain: n.domain, uri: n.uri, chainId: n.chainId, version: '1', nonce: n.nonce, address: holder.address, issuedAt: new Date(), resources: ['urn:identree:face-template-request'] });
      const challenge = await json('POST', '/auth/face/challenge', { message: request, signature: await holder.signMessage({ message: request }) }, false);
      assert.equal(challenge.status, 200, JSON.stringify(challenge.body));
      assert.equal(challenge.body.template.envelope.cid, envelope.cid);

      const erased = await json('DELETE', '/face/templates', { signed: await signed('erase', 1) });
      assert.equal(erased.status, 200, JSON.stringify(erased.body));
      assert.equal((await getFaceTemplateCommitment(reader as never, { faceTemplateRegistry, identity: holder.address })).status, 'erased');
      const forged = await json('POST', '/face/templates', { model: 'm', envelope: { ...envelope, templateVersion: 2 }, ciphertext: Buffer.from(ciphertext).toString('base64url'), signed: { ...(await signed('enroll', 2, envelope.cid)), signature: `0x${'11'.repeat(65)}` } });
      assert.ok(forged.status === 400 || forged.status === 409, `a forged message is refused before anything is sent: ${forged.status} ${JSON.stringify(forged.body)}`);
    } finally {
      await stack.stop();
    }
  });
});
