import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Connection } from './connection.js';

// A stand-in service that accepts only the token it issued last, to check the renewal logic in
// isolation; the real sign-in is exercised by the CLI story test against the real service.
let current = 'token-1';
const seen: string[] = [];
let server: Server;
let url: string;

before(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    const ok = req.headers.authorization === `Bearer ${current}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { credentials: [] } : { error: 'unauthorized', message: 'invalid or expired access token' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test('a refused token is renewed once, and concurrent requests share one renewal', async () => {
  const connection = new Connection(url);
  let renewals = 0;
  connection.setSession({ accessToken: 'token-1', expiresAt: Date.now() + 3_600_000 }, async () => {
    renewals++;
    await new Promise((r) => setTimeout(r, 20));
    return { accessToken: current, expiresAt: Date.now() + 3_600_000 };
  });
  await connection.expect(connection.api().GET('/me/credentials'));
  assert.equal(renewals, 0);

  current = 'token-2'; // the service no longer accepts token-1 (as after a restart)
  const results = await Promise.all(Array.from({ length: 5 }, () => connection.expect(connection.api().GET('/me/credentials'))));
  assert.equal(results.length, 5);
  assert.equal(renewals, 1);
  assert.equal(connection.token, 'token-2');
});

test('a token about to expire is renewed before it is sent', async () => {
  const connection = new Connection(url);
  current = 'token-3';
  connection.setSession({ accessToken: 'token-2', expiresAt: Date.now() + 5_000 }, async () => ({ accessToken: 'token-3', expiresAt: Date.now() + 3_600_000 }));
  seen.length = 0;
  await connection.expect(connection.api().GET('/me/credentials'));
  assert.deepEqual(seen, ['Bearer token-3']);
});

test('a renewal that is refused again surfaces as the typed unauthorized error', async () => {
  const connection = new Connection(url);
  connection.setSession({ accessToken: 'stale', expiresAt: Date.now() + 3_600_000 }, async () => ({ accessToken: 'still-wrong', expiresAt: Date.now() + 3_600_000 }));
  await assert.rejects(connection.expect(connection.api().GET('/me/credentials')), (error: Error & { code?: string }) => {
    assert.match(error.message, /invalid or expired access token/);
    return true;
  });
});
