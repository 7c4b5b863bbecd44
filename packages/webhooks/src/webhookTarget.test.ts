import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { fetch } from 'undici';
import { checkWebhookUrl, webhookAgent, WebhookTargetError } from './webhookTarget.js';

const refuses = (url: string) => assert.throws(() => checkWebhookUrl(new URL(url), { allowPrivate: false }), WebhookTargetError, url);
const accepts = (url: string, allowPrivate = false) => assert.doesNotThrow(() => checkWebhookUrl(new URL(url), { allowPrivate }), url);

describe('webhook targets', () => {
  it('refuses literal loopback, private, link-local, CGNAT and mapped addresses, and localhost', () => {
    for (const url of [
      'http://127.0.0.1:8080/hook', 'http://10.0.0.5/hook', 'http://172.16.3.4/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/', 'http://0.0.0.0/', 'http://[::1]/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://[::ffff:10.0.0.1]/',
      'http://localhost:9000/', 'http://api.localhost/',
    ]) refuses(url);
  });

  it('accepts public addresses and names (names are checked when they resolve), and anything when private targets are allowed', () => {
    accepts('https://93.184.216.34/hook');
    accepts('https://[2606:4700::1111]/hook');
    accepts('https://hooks.bank.example/identree');
    accepts('http://127.0.0.1:8080/hook', true);
  });

  it('refuses schemes other than http and https whatever the policy', () => {
    assert.throws(() => checkWebhookUrl(new URL('file:///etc/passwd'), { allowPrivate: true }), WebhookTargetError);
  });

  it('refuses at connection time a name that resolves to a private address', async () => {
    const server = createServer((_, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const guarded = webhookAgent({ allowPrivate: false });
    const open = webhookAgent({ allowPrivate: true });
    try {
      // "localhost" passes no literal check here on purpose: only the resolver stands in the way.
      await assert.rejects(fetch(`http://localhost:${port}/`, { dispatcher: guarded }), (e: Error) => /not a public address/.test(String((e.cause as Error)?.message)));
      assert.equal(await (await fetch(`http://localhost:${port}/`, { dispatcher: open })).text(), 'reached');
    } finally {
      await guarded.close();
      await open.close();
      await new Promise((r) => server.close(r));
    }
  });

});
