import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { keccak256, toHex } from 'viem';
import { connectChain, type ChainPort } from '@identree/chain';
import { devAccount, devPrivateKey, startAnvil } from '@identree/devchain';
import { prepareRegisterEntity } from '@identree/sdk';
import { loadSigningKey, openStorage, type Storage } from '@identree/store';
import { createChainWorker, type ChainWorker } from '../chainWorker.js';
import { listenChainWorker, type ChainWorkerServer } from './listenChainWorker.js';

// The .proto files as published, read by the reference gRPC implementation: nothing of ours on the client side.
const protoDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@identree/proto/proto/identree/chainworker/v1/chain_worker.proto')), '../../..');
type Unary = (request: object, callback: (error: grpc.ServiceError | null, response?: any) => void) => void;

describe('the chain worker, called by a stock @grpc/grpc-js client', () => {
  let dataDir: string;
  let chain: ChainPort;
  let storage: Storage;
  let worker: ChainWorker;
  let server: ChainWorkerServer;
  let writes: Record<string, Unary>;
  let health: Record<string, Unary>;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-grpcjs-'));
    const anvil = await startAnvil({ accounts: 4 });
    chain = await connectChain({ rpcUrl: anvil.rpcUrl, sponsorPrivateKey: devPrivateKey(0), deploymentDir: dataDir, onStop: anvil.stop });
    storage = await openStorage({ dataDir });
    const quiet = { info() {}, warn() {}, error() {} };
    worker = createChainWorker({ storage, chain, confirmations: 0, webhookKey: await loadSigningKey({ keyFile: path.join(dataDir, 'webhook.jwk.json') }), webhookTargets: { allowPrivate: true }, log: quiet });
    await worker.start();
    server = await listenChainWorker(worker);
    const definition = protoLoader.loadSync('identree/chainworker/v1/chain_worker.proto', { includeDirs: [protoDir], longs: String, enums: String, defaults: true });
    const v1 = (grpc.loadPackageDefinition(definition) as any).identree.chainworker.v1;
    const address = new URL(server.url).host;
    const bind = (client: grpc.Client) => new Proxy({}, { get: (_, name: string) => (client as any)[name].bind(client) }) as Record<string, Unary>;
    writes = bind(new v1.WriteService(address, grpc.credentials.createInsecure()));
    health = bind(new v1.HealthService(address, grpc.credentials.createInsecure()));
  });
  after(async () => {
    await server?.close();
    await worker?.stop();
    await storage?.close();
    await chain?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const call = <T>(method: Unary, request: object) => new Promise<T>((resolve, reject) => method(request, (error, response) => (error ? reject(error) : resolve(response as T))));

  it('reports health and describes the chain it writes to', async () => {
    const checked = await call<{ status: string; parts: Record<string, string> }>(health.Check!, {});
    assert.deepEqual(checked, { status: 'ok', parts: { database: 'ok', chain: 'ok' } });
    const described = await call<{ chainId: string; registry: string; sponsor: string }>(health.Describe!, {});
    assert.equal(described.chainId, String(chain.chainId));
    assert.equal(described.registry.toLowerCase(), chain.registry.toLowerCase());
    assert.equal(described.sponsor, devAccount(0).address);
    assert.equal((described as { faceTemplateRegistry?: string }).faceTemplateRegistry, '', 'this worker was given no face template registry');
  });

  it('refuses a sponsored write to a face template registry it was not given, sending nothing', async () => {
    const before = await chain.reader.getTransactionCount({ address: devAccount(0).address });
    await assert.rejects(call(writes.SubmitSponsored!, {
      owner: devAccount(1).address, idempotencyKey: 'grpc-js-face-1', requestHash: keccak256(toHex('grpc-js-face-1')),
      target: 'TARGET_FACE_TEMPLATE_REGISTRY', calldata: '0x', functionName: 'enrollFaceTemplateBySig',
    }), /no face template registry/);
    assert.equal(await chain.reader.getTransactionCount({ address: devAccount(0).address }), before);
  });

  it('relays a sponsored write and waits for its confirmation', async () => {
    const citizen = devAccount(2).address;
    const submitted = await call<{ write: { id: string; status: string } }>(writes.SubmitSponsored!, {
      owner: devAccount(0).address,
      idempotencyKey: 'grpc-js-1',
      requestHash: keccak256(toHex('grpc-js-1')),
      target: 'TARGET_REGISTRY',
      calldata: prepareRegisterEntity({ registry: chain.registry, entity: citizen, kind: 'Person' }).data,
      functionName: 'registerEntity',
    });
    const settled = await call<{ write: { status: string; responseJson: string } }>(writes.WaitForWrite!, { id: submitted.write.id, timeoutMs: 10_000 });
    assert.equal(settled.write.status, 'WRITE_STATUS_CONFIRMED');
    assert.equal(JSON.parse(settled.write.responseJson).events[0].event, 'EntityRegistered');
    assert.equal((await chain.reader.getEntity({ entity: citizen }))?.kind, 'Person');
  });

  it('answers with gRPC status codes and the error table code in the details', async () => {
    const missing = await call(writes.GetWrite!, { id: '999999' }).catch((e: grpc.ServiceError) => e);
    assert.equal((missing as grpc.ServiceError).code, grpc.status.NOT_FOUND);
    const foreign = await call(writes.SubmitSigned!, { owner: devAccount(1).address, idempotencyKey: 'grpc-js-bad', signedTransaction: '0x1234', allowedFunctions: ['registerEntity'] }).catch((e: grpc.ServiceError) => e);
    assert.equal((foreign as grpc.ServiceError).code, grpc.status.INVALID_ARGUMENT);
    assert.match((foreign as grpc.ServiceError).details, /not a signed EVM transaction/);
    const bin = (foreign as grpc.ServiceError).metadata.get('grpc-status-details-bin');
    assert.equal(bin.length, 1, 'the error detail travels as google.rpc.Status details');
    assert.ok(Buffer.from(bin[0] as Buffer).includes(Buffer.from('invalid_transaction')), 'and names the table code');
  });
});
