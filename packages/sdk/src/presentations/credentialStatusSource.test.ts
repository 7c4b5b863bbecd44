import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cachedStatusSource, type CredentialStatus, type CredentialStatusSource } from './credentialStatusSource.js';

const reference = { chainId: 31337, registry: '0x00000000000000000000000000000000000000aa', uid: `0x${'11'.repeat(32)}` } as const;

const statusAt = (validUntil: number): CredentialStatus => ({
  subject: '0x00000000000000000000000000000000000000bb', credentialType: 1, typeName: 'BirthCertificate',
  validFrom: 0, validUntil, level: 'GovernmentCertified', revoked: false, linked: true,
});

/** An inner source whose reads the test settles by hand, and a clock it moves by hand. */
function harness(options: { ttlMs: number; refreshAfterMs?: number }) {
  const reads: { resolve: (s: CredentialStatus | null) => void; reject: (e: Error) => void }[] = [];
  const inner: CredentialStatusSource = {
    trusts: () => true,
    getStatus: () => new Promise((resolve, reject) => reads.push({ resolve, reject })),
    currentKey: async () => null,
    entityStatus: async () => 'Active',
    compromise: async () => null,
    anchorTime: async () => null,
  };
  let clock = 1_000;
  const source = cachedStatusSource(inner, { ...options, now: () => clock });
  const get = () => source.getStatus(reference);
  /** The first lookup, answered with statusAt(1). */
  const prime = async () => {
    const first = get();
    reads[reads.length - 1]!.resolve(statusAt(1));
    return first;
  };
  return { reads, source, advance: (ms: number) => (clock += ms), get, prime };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('cachedStatusSource', () => {
  it('reads once for concurrent lookups and answers from the cache until the refresh point', async () => {
    const h = harness({ ttlMs: 5_000 });
    const first = h.get();
    const second = h.get();
    assert.equal(h.reads.length, 1);
    h.reads[0]!.resolve(statusAt(1));
    assert.deepEqual(await first, statusAt(1));
    assert.deepEqual(await second, statusAt(1));
    h.advance(2_499);
    assert.deepEqual(await h.get(), statusAt(1));
    assert.equal(h.reads.length, 1);
  });

  it('past half the TTL, answers from the cache at once while one background read refreshes it', async () => {
    const h = harness({ ttlMs: 5_000 });
    await h.prime();
    h.advance(2_500);
    assert.deepEqual(await h.get(), statusAt(1));
    assert.deepEqual(await h.get(), statusAt(1));
    assert.equal(h.reads.length, 2, 'exactly one refresh starts, however many lookups');
    h.reads[1]!.resolve(statusAt(2));
    await settled();
    assert.deepEqual(await h.get(), statusAt(2));
    // The refreshed entry's age counts from when its read began.
    h.advance(2_499);
    await h.get();
    assert.equal(h.reads.length, 2);
    h.advance(1);
    await h.get();
    assert.equal(h.reads.length, 3);
  });

  it('never answers older than the TTL: a refresh still in flight at expiry is waited for', async () => {
    const h = harness({ ttlMs: 5_000 });
    await h.prime();
    h.advance(3_000);
    await h.get(); // starts the refresh at t+3000
    h.advance(2_000); // the first read is now exactly TTL old
    let answered: CredentialStatus | null | undefined;
    const waiting = h.get().then((s) => (answered = s));
    await settled();
    assert.equal(answered, undefined, 'the expired answer is not served');
    assert.equal(h.reads.length, 2, 'the refresh under way is reused, not doubled');
    h.reads[1]!.resolve(statusAt(2));
    await waiting;
    assert.deepEqual(answered, statusAt(2));
  });

  it('a refresh started too long ago to be fresh is not reused at expiry', async () => {
    const h = harness({ ttlMs: 5_000, refreshAfterMs: 0 });
    await h.prime();
    await h.get(); // refresh 1 starts at once (refreshAfterMs 0) and never lands
    h.advance(5_000);
    const late = h.get();
    assert.equal(h.reads.length, 3, 'a new read, since the stuck refresh is itself TTL old');
    h.reads[2]!.resolve(statusAt(3));
    assert.deepEqual(await late, statusAt(3));
  });

  it('a failed refresh leaves the cached answer for the rest of its TTL, and a later lookup retries', async () => {
    const h = harness({ ttlMs: 5_000 });
    await h.prime();
    h.advance(2_500);
    await h.get();
    h.reads[1]!.reject(new Error('node down'));
    await settled();
    assert.deepEqual(await h.get(), statusAt(1));
    assert.equal(h.reads.length, 3, 'the next lookup starts another refresh');
    h.advance(2_500);
    const expired = h.get();
    assert.equal(h.reads.length, 3, 'the retry under way is waited for');
    h.reads[2]!.reject(new Error('node still down'));
    await assert.rejects(expired, /node still down/);
  });

  it('a failed first read is not cached as an answer', async () => {
    const h = harness({ ttlMs: 5_000 });
    const first = h.get();
    h.reads[0]!.reject(new Error('node down'));
    await assert.rejects(first, /node down/);
    const second = h.get();
    assert.equal(h.reads.length, 2);
    h.reads[1]!.resolve(null);
    assert.equal(await second, null);
  });

  it('caches holder keys under the same TTL, apart from statuses, and passes trust through', async () => {
    let keyReads = 0;
    let current: `0x${string}` = '0x00000000000000000000000000000000000000c1';
    let clock = 0;
    const source = cachedStatusSource({
      trusts: (r) => r.registry === reference.registry,
      getStatus: async () => statusAt(1),
      currentKey: async () => (keyReads++, current),
      entityStatus: async () => 'Active',
    compromise: async () => null,
    anchorTime: async () => null,
    }, { ttlMs: 5_000, now: () => clock });
    const identity = { chainId: reference.chainId, registry: reference.registry, identity: '0x00000000000000000000000000000000000000bb' } as const;
    assert.equal(await source.currentKey(identity), current);
    await source.getStatus(reference);
    assert.equal(await source.currentKey(identity), '0x00000000000000000000000000000000000000c1');
    assert.equal(keyReads, 1, 'one read within the TTL, and a status lookup does not answer for a key');
    current = '0x00000000000000000000000000000000000000c2';
    clock += 5_000;
    assert.equal(await source.currentKey(identity), current, 'a rotation shows once the TTL has passed');
    assert.equal(source.trusts(reference), true);
    assert.equal(source.trusts({ chainId: 31337, registry: '0x00000000000000000000000000000000000000ab' }), false);
  });

  it('refuses a negative TTL or refresh point', () => {
    assert.throws(() => cachedStatusSource({ trusts: () => true, getStatus: async () => null, currentKey: async () => null, entityStatus: async () => null, compromise: async () => null, anchorTime: async () => null }, { ttlMs: -1 }), RangeError);
    assert.throws(() => cachedStatusSource({ trusts: () => true, getStatus: async () => null, currentKey: async () => null, entityStatus: async () => null, compromise: async () => null, anchorTime: async () => null }, { ttlMs: 5, refreshAfterMs: Number.NaN }), RangeError);
  });
});
