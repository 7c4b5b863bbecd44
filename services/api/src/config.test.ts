import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives every variable its embedded default', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.confirmations, 0);
    assert.equal(config.presentationNonceTtlSeconds, 300);
    assert.equal(config.publicUrl, 'http://127.0.0.1:8080');
  });

  it('reads PRESENTATION_NONCE_TTL in seconds, from 10 s to a day', () => {
    assert.equal(loadConfig({ PRESENTATION_NONCE_TTL: '1800' }).presentationNonceTtlSeconds, 1_800);
    assert.equal(loadConfig({ PRESENTATION_NONCE_TTL: '10' }).presentationNonceTtlSeconds, 10);
    for (const bad of ['9', '86401', '-5', '1.5', 'soon']) {
      assert.throws(() => loadConfig({ PRESENTATION_NONCE_TTL: bad }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('PRESENTATION_NONCE_TTL'), bad);
    }
  });

  it('names the variable at fault', () => {
    assert.throws(() => loadConfig({ PORT: '70000' }), /^ConfigError: PORT/);
    assert.throws(() => loadConfig({ CONFIRMATIONS: 'many' }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('CONFIRMATIONS'));
  });
});

describe('CORS_ORIGINS', () => {
  it('allows no other origin by default, and reads a comma-separated list of origins', () => {
    assert.deepEqual(loadConfig({}).corsOrigins, []);
    assert.deepEqual(loadConfig({ CORS_ORIGINS: 'https://wallet.example.org, http://localhost:5173/' }).corsOrigins, ['https://wallet.example.org', 'http://localhost:5173']);
    assert.deepEqual(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins, ['*']);
  });

  it('refuses what is not an origin, naming the variable', () => {
    for (const bad of ['wallet.example.org', 'https://wallet.example.org/app', 'ftp://x.example', '*, https://a.example']) {
      assert.throws(() => loadConfig({ CORS_ORIGINS: bad }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('CORS_ORIGINS'), bad);
    }
  });
});

describe('webhook target policy', () => {
  it('allows private targets by default only to a service that listens on loopback', () => {
    assert.equal(loadConfig({}).webhookAllowPrivate, true);
    assert.equal(loadConfig({ HOST: '0.0.0.0' }).webhookAllowPrivate, false);
    assert.equal(loadConfig({ HOST: '0.0.0.0', WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate, true);
    assert.equal(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'false' }).webhookAllowPrivate, false);
    assert.throws(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' }), /WEBHOOK_ALLOW_PRIVATE/);
  });

  it('reads the request limits and quotas, each defaulting, and names a bad one', () => {
    const defaults = loadConfig({});
    assert.deepEqual(defaults.requestLimits.perClient, { nonces: 1_200, blobs: 120, shares: 120, webhooks: 30, writes: 240 });
    assert.deepEqual([defaults.requestLimits.windowMs, defaults.blobBudgetBytes, defaults.webhooksPerSubscriber, defaults.writeExpirySeconds, defaults.webhookDeliveriesPerEvent], [60_000, 64 * 1024 * 1024, 20, 900, 20]);
    const set = loadConfig({ RATE_LIMIT_WINDOW: '10', RATE_LIMIT_NONCES_PER_CLIENT: '0', RATE_LIMIT_WRITES_PER_IDENTITY: '5', BLOB_BUDGET_BYTES: '1000', WRITE_EXPIRY_SECONDS: '30' });
    assert.deepEqual([set.requestLimits.windowMs, set.requestLimits.perClient.nonces, set.requestLimits.perIdentity.writes, set.requestLimits.perIdentity.blobs, set.blobBudgetBytes, set.writeExpirySeconds], [10_000, 0, 5, 60, 1_000, 30]);
    for (const [name, bad] of [['RATE_LIMIT_WINDOW', '0'], ['RATE_LIMIT_BLOBS_PER_CLIENT', '-1'], ['BLOB_BUDGET_BYTES', 'lots'], ['WRITE_EXPIRY_SECONDS', '0']] as const) {
      assert.throws(() => loadConfig({ [name]: bad }), (e: unknown) => e instanceof ConfigError && e.message.startsWith(name), `${name}=${bad}`);
    }
  });
});

describe('MONGODB_URL', () => {
  it('selects a MongoDB by URL, and refuses it beside DATABASE_URL', () => {
    assert.equal(loadConfig({ MONGODB_URL: 'mongodb://127.0.0.1:27017/identree' }).mongodbUrl, 'mongodb://127.0.0.1:27017/identree');
    assert.equal(loadConfig({}).mongodbUrl, undefined);
    assert.throws(() => loadConfig({ MONGODB_URL: 'postgres://x' }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('MONGODB_URL'));
    assert.throws(
      () => loadConfig({ MONGODB_URL: 'mongodb://127.0.0.1/identree', DATABASE_URL: 'postgres://127.0.0.1/identree' }),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith('MONGODB_URL'),
    );
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, and reads true, false or a list of addresses and subnets', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1,fd00::/8' }).trustProxy, ['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8']);
  });

  it('refuses what is not an address or subnet, naming the variable and the entry', () => {
    for (const bad of ['yes', '10.0.0.256', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/1', '10.0.0.1,', 'proxy.example.org']) {
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('TRUST_PROXY') && e.message.includes('is not an IP address'), bad);
    }
  });
});

describe('FACE_ANTISPOOF', () => {
  it('is off by default and when set to off, human\'s own cut when on, and reads custom minima in either order', () => {
    assert.equal(loadConfig({}).faceAntispoof, undefined);
    assert.equal(loadConfig({ FACE_ANTISPOOF: 'off' }).faceAntispoof, undefined);
    assert.deepEqual(loadConfig({ FACE_ANTISPOOF: 'on' }).faceAntispoof, { minReal: 0.5, minLive: 0.5 });
    assert.deepEqual(loadConfig({ FACE_ANTISPOOF: 'real=0.6,live=0.45' }).faceAntispoof, { minReal: 0.6, minLive: 0.45 });
    assert.deepEqual(loadConfig({ FACE_ANTISPOOF: 'live=1, real=0' }).faceAntispoof, { minReal: 0, minLive: 1 });
  });

  it('stops the start on a malformed value, naming the variable and what is wrong', () => {
    const bad = {
      ON: 'ON', yes: 'yes', 'real=0.6': 'no live', 'live=0.5': 'no real', 'real=1.5,live=0.5': '"real=1.5"', 'real=0.6,live=0.5,real=0.7': '"real=0.7"',
      'real=.6,live=0.5': '"real=.6"', 'real=0.6;live=0.5': '"real=0.6;live=0.5"', 'real=0.6,spoof=0.5': '"spoof=0.5"', 'real=0.6,live=-0.5': '"live=-0.5"',
      'real=0.6,live=0.5,': '""', 'real=1.0001,live=0.5': '"real=1.0001"', 'real=1.5e-1,live=0.5': '"real=1.5e-1"',
    };
    for (const [value, named] of Object.entries(bad)) {
      assert.throws(() => loadConfig({ FACE_ANTISPOOF: value }), (e: unknown) => e instanceof ConfigError && e.message.startsWith('FACE_ANTISPOOF: ') && e.message.includes(named), value);
    }
  });
});
