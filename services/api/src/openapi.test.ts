import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SwaggerParser from '@apidevtools/swagger-parser';
import validatorModule from 'openapi-response-validator';
import type { OpenAPIV3 } from 'openapi-types';
import { devAccount } from '@identree/devchain';
import { serviceFixture, type ServiceFixture } from './test/serviceFixture.js';

// A CommonJS module whose class is its `default` export: under ESM the default import is the module object.
const OpenAPIResponseValidator = validatorModule.default;

/**
 * The document as a client generator reads it, checked by two libraries we did not write:
 * @apidevtools/swagger-parser validates it against the OpenAPI 3 schema, and
 * openapi-response-validator checks live answers of the service against it.
 */
describe('OpenAPI document', () => {
  let f: ServiceFixture;
  let doc: OpenAPIV3.Document;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'delete'] as const).filter((m) => item?.[m]).map((m) => ({ path, method: m, op: item![m]! })));

  before(async () => {
    f = await serviceFixture();
    await f.app.ready();
    doc = JSON.parse(JSON.stringify(f.app.swagger())) as OpenAPIV3.Document;
  });
  after(() => f.stop());

  it('validates with @apidevtools/swagger-parser', async () => {
    await SwaggerParser.validate(structuredClone(doc) as never);
  });

  it('names every operation uniquely and summarizes it, with no "Default Response" left', () => {
    const ids = operations().map(({ op }) => op.operationId);
    assert.ok(ids.length > 60, `only ${ids.length} operations`);
    for (const { path, method, op } of operations()) {
      assert.match(op.operationId ?? '', /^[a-z][A-Za-z0-9]+$/, `${method} ${path}`);
      assert.ok(op.summary, `${method} ${path} has no summary`);
      for (const [status, response] of Object.entries(op.responses)) {
        assert.notEqual((response as OpenAPIV3.ResponseObject).description, 'Default Response', `${method} ${path} ${status}`);
      }
    }
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  });

  it('answers every error with the named Error schema, 500 and 503 everywhere, 413 and 415 on every body', () => {
    assert.ok(doc.components?.schemas?.Error, 'Error is a component');
    for (const name of ['WriteReply', 'PreparedTransaction', 'HolderTypedData', 'SiweNonce']) assert.ok(doc.components?.schemas?.[name], name);
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        // /health answers its own report; the OID4VCI endpoints answer OAuth errors (RFC 6749 §5.2) for 400 and 401, as wallets expect.
        if (Number(status) < 400 || path === '/health' || (path.startsWith('/oid4vci/') && ['400', '401'].includes(status))) continue;
        const schema = (response as OpenAPIV3.ResponseObject).content?.['application/json']?.schema as OpenAPIV3.ReferenceObject | undefined;
        assert.equal(schema?.$ref, '#/components/schemas/Error', `${method} ${path} ${status}`);
      }
      for (const status of ['500', '503']) assert.ok(op.responses[status], `${method} ${path} lacks ${status}`);
      if (method === 'post' || method === 'put') for (const status of ['413', '415']) assert.ok(op.responses[status], `${method} ${path} lacks ${status}`);
    }
  });

  it('describes the body of POST /blobs as binary', () => {
    const body = doc.paths['/blobs']!.post!.requestBody as OpenAPIV3.RequestBodyObject;
    assert.deepEqual((body.content['application/octet-stream']!.schema as OpenAPIV3.SchemaObject).format, 'binary');
  });

  /** Checks one live answer against the operation the document declares for it. */
  const conforms = (method: 'get' | 'post', path: string, res: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
    const op = doc.paths[path]?.[method];
    assert.ok(op, `${method} ${path} is not in the document`);
    assert.ok(op.responses[String(res.statusCode)], `${method} ${path} answered ${res.statusCode}, which the document does not declare`);
    const validator = new OpenAPIResponseValidator({ responses: op.responses as never, components: doc.components as never });
    const body = String(res.headers['content-type'] ?? '').startsWith('application/json') ? JSON.parse(res.body) : res.body;
    const errors = validator.validateResponse(res.statusCode, body);
    assert.equal(errors, undefined, `${method} ${path} ${res.statusCode}: ${JSON.stringify(errors)}`);
  };

  it('has a response check that can fail', () => {
    const validator = new OpenAPIResponseValidator({ responses: doc.paths['/auth/nonce']!.post!.responses as never, components: doc.components as never });
    assert.ok(validator.validateResponse(200, { nonce: 5 }), 'a nonce answer without its fields passed');
    assert.ok(validator.validateResponse(200, { error: 'x' }));
  });

  it('matches live answers, successes and errors alike', async () => {
    const government = devAccount(0);
    const token = await f.login(government);
    const auth = { authorization: `Bearer ${token}` };
    const someone = devAccount(5).address;
    const get = (url: string, headers = {}) => f.app.inject({ method: 'GET', url, headers });
    const post = (url: string, payload: object, headers = {}) => f.app.inject({ method: 'POST', url, payload, headers });

    conforms('get', '/health', await get('/health'));
    conforms('post', '/auth/nonce', await post('/auth/nonce', {}));
    conforms('post', '/auth/login', await post('/auth/login', { message: 'hello', signature: '0x00' }));
    conforms('post', '/auth/login', await post('/auth/login', { message: 7 }));
    conforms('get', '/entities/{address}', await get(`/entities/${government.address}`));
    conforms('get', '/entities/{address}', await get(`/entities/${someone}`));
    conforms('get', '/entities/{address}', await get('/entities/0x12'));
    conforms('get', '/entities/{address}/tree', await get(`/entities/${government.address}/tree`));
    conforms('post', '/prepare/register-entity', await post('/prepare/register-entity', { entity: someone, kind: 'Person' }, auth));
    conforms('post', '/prepare/register-entity', await post('/prepare/register-entity', { entity: government.address, kind: 'Person' }, auth));
    conforms('post', '/prepare/register-entity', await post('/prepare/register-entity', { entity: someone, kind: 'Person' }));
    conforms('post', '/prepare/holder/link-credential', await post('/prepare/holder/link-credential', { holder: someone, uid: `0x${'11'.repeat(32)}` }));
    conforms('post', '/transactions', await post('/transactions', { signedTransaction: '0x12' }, { ...auth, 'idempotency-key': 'openapi-bad-tx' }));
    conforms('get', '/credentials/{uid}', await get(`/credentials/0x${'22'.repeat(32)}`));
    conforms('get', '/writes/{id}', await get('/writes/1'));
    conforms('post', '/presentations/nonce', await post('/presentations/nonce', { audience: 'https://bank.example' }));
  });
});
