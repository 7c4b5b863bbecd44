import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { devAccount } from '@identree/devchain';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

// PostgreSQL is gone (its port refuses connections): a read answers 503 naming the database, not 500.
describe('the API while its database is down', () => {
  let f: ServiceFixture;
  let app: FastifyInstance;
  before(async () => {
    f = await serviceFixture();
    // The error the real driver gives, through Drizzle, for a server that is not there.
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:9/identree', connectionTimeoutMillis: 2_000 });
    const refused = await drizzle({ client: pool }).execute(sql`SELECT 1`).then(() => assert.fail('port 9 answered'), (error: unknown) => error);
    await pool.end();
    app = await f.mount({ storage: { ...f.storage, entities: { ...f.storage.entities, get: () => Promise.reject(refused) } } });
  });
  after(() => f?.stop());

  it('answers 503 database_unavailable, with no internal address', async () => {
    const res = await app.inject({ method: 'GET', url: `/entities/${devAccount(3).address}` });
    assert.equal(res.statusCode, 503, res.body);
    assert.deepEqual(res.json(), { error: 'database_unavailable', message: 'the database did not answer; try again later' });
  });
});
