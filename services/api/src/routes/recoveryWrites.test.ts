import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createPublicClient, createTestClient, http, type Address, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  guardianSetOf,
  recoveryOf,
  signAcceptKey,
  signAddGuardian,
  signApproveRecovery,
  signCancelRecovery,
  signRemoveGuardian,
  signRotateKey,
  type RegistryClient,
} from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** A signed message as the API takes it: no nonce (the contract uses the current one), the deadline a number. */
const bodyOf = <T extends { nonce: bigint; deadline: bigint }>({ nonce: _nonce, deadline, ...rest }: T) => ({ ...rest, deadline: Number(deadline) });

describe('guardians, recovery and rotation relayed through the API', () => {
  let f: ServiceFixture;
  let client: RegistryClient;
  // Nobody here but the sponsor has any ether. holder → guardians bob, carol → recovered to newKey → rotated to phone.
  const [holder, bob, carol, stranger, newKey, phone] = Array.from({ length: 6 }, () => privateKeyToAccount(generatePrivateKey()));
  const token: Record<string, string> = {};
  let holderRegistry: Address;
  let keyCounter = 0;
  const post = (url: string, as: string | null, payload: object, idempotencyKey = `relay-${++keyCounter}-key`) =>
    f.app.inject({ method: 'POST', url, headers: { ...(as ? { authorization: `Bearer ${as}` } : {}), 'idempotency-key': idempotencyKey }, payload });
  const get = (url: string, as: string) => f.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${as}` } });
  const sponsorNonce = () => f.chain.reader.getTransactionCount({ address: f.chain.sponsor.account.address });
  const chainNow = async () => Number((await f.chain.reader.getBlock({ blockTag: 'latest' })).timestamp);
  /** An hour from the chain's clock, which the recovery delay moves ahead of this machine's. */
  const deadline = async () => BigInt((await chainNow()) + 3600);
  const signer = (account: LocalAccount) => ({ holderRegistry, account });
  const guardiansView = async (as: string) => {
    const res = await get(`/identities/${holder.address}/guardians`, as);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { guardians: Address[]; threshold: number; nonce: number; recoveries: { newKey: Address; approvals: Address[]; status: string }[] };
  };
  const chainNonce = async () => (await guardianSetOf(client, { holderRegistry, identity: holder.address })).nonce;

  before(async () => {
    f = await serviceFixture();
    holderRegistry = f.chain.holderRegistry;
    client = createPublicClient({ chain: f.chain.sponsor.chain, transport: http(f.chain.rpcUrl) }) as never;
    for (const a of [holder, bob, carol, stranger]) await f.chain.sponsor.registerEntity({ entity: a.address, kind: 'Person' });
    for (const [name, a] of Object.entries({ holder, bob, carol, stranger, newKey, phone })) token[name] = await f.login(a);
  });
  after(() => f.stop());

  it('names guardians for a holder with no ether, paid by the sponsor, once per Idempotency-Key', async () => {
    const before = await sponsorNonce();
    const add = bodyOf(await signAddGuardian(client, { ...signer(holder), guardian: bob.address, threshold: 1 }));
    const first = await post('/guardians', token.holder!, add, 'add-bob-0001');
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().status, 'confirmed');
    const again = await post('/guardians', token.holder!, add, 'add-bob-0001');
    assert.equal(again.json().id, first.json().id);
    assert.equal(await sponsorNonce(), before + 1);

    const second = await post('/guardians', token.holder!, bodyOf(await signAddGuardian(client, { ...signer(holder), guardian: carol.address, threshold: 2 })));
    assert.equal(second.statusCode, 200, second.body);
    const view = await guardiansView(token.holder!);
    assert.deepEqual([view.guardians, view.threshold, view.nonce], [[bob.address, carol.address], 2, 2]);
    assert.deepEqual((await guardiansView(token.bob!)).guardians, [bob.address, carol.address]);
    assert.equal(await f.chain.reader.getBalance({ address: holder.address }), 0n);
  });

  it('refuses another caller (403), no token (401) and malformed input (400 naming the field), and answers a replayed or expired message with its typed revert, sending nothing', async () => {
    const before = await sponsorNonce();
    const add = bodyOf(await signAddGuardian(client, { ...signer(holder), guardian: stranger.address, threshold: 2 }));
    assert.equal((await post('/guardians', token.stranger!, add)).statusCode, 403);
    assert.equal((await post('/guardians', null, add)).statusCode, 401);
    const malformed: [object, RegExp][] = [
      [{ ...add, threshold: 17 }, /body\.threshold/],
      [{ ...add, threshold: 1.5 }, /body\.threshold/],
      [{ ...add, signature: '0x1234' }, /body\.signature/],
      [{ ...add, signature: `${add.signature}0` }, /body\.signature/],
      [{ ...add, signature: `0x${'ab'.repeat(2_100)}` }, /body\.signature/],
      [{ ...add, identity: '0x12' }, /body\.identity/],
      [{ ...add, deadline: -1 }, /body\.deadline/],
      [{ ...add, extra: true }, /body/],
      [{ identity: holder.address }, /body\.guardian/],
    ];
    for (const [payload, field] of malformed) {
      const res = await post('/guardians', token.holder!, payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
      assert.match(res.json().message, field);
    }
    const noKey = await f.app.inject({ method: 'POST', url: '/guardians', headers: { authorization: `Bearer ${token.holder}` }, payload: add });
    assert.equal(noKey.statusCode, 400);
    assert.match(noKey.json().message, /idempotency-key/);

    // The first AddGuardian (bob) was used: its nonce is gone.
    const replayed = bodyOf(await signAddGuardian(client, { ...signer(holder), guardian: stranger.address, threshold: 2, nonce: 0n }));
    const replay = await post('/guardians', token.holder!, replayed);
    assert.equal(replay.statusCode, 422, replay.body);
    assert.equal(replay.json().error, 'holder_signature_invalid');
    const expired = bodyOf(await signAddGuardian(client, { ...signer(holder), guardian: stranger.address, threshold: 2, deadline: BigInt((await chainNow()) - 1) }));
    const late = await post('/guardians', token.holder!, expired);
    assert.equal(late.statusCode, 422, late.body);
    assert.equal(late.json().error, 'holder_signature_expired');
    const notFound = await post('/guardians/remove', token.holder!, bodyOf(await signRemoveGuardian(client, { ...signer(holder), guardian: stranger.address, threshold: 2 })));
    assert.equal(notFound.statusCode, 404, notFound.body);
    assert.equal(notFound.json().error, 'guardian_not_found');
    // An Idempotency-Key already used for another message is refused.
    assert.equal((await post('/guardians', token.holder!, add, 'add-bob-0001')).statusCode, 409);
    assert.equal(await sponsorNonce(), before);
  });

  it("relays a guardian's approval only for the guardian itself, and a relayed cancel voids it", async () => {
    const approval = bodyOf(await signApproveRecovery(client, { ...signer(bob), identity: holder.address, newKey: newKey.address }));
    assert.equal((await post('/recoveries/approvals', token.holder!, approval)).statusCode, 403);
    const approved = await post('/recoveries/approvals', token.bob!, approval);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.deepEqual((await guardiansView(token.holder!)).recoveries.map((r) => [r.newKey, r.approvals, r.status]), [[newKey.address, [bob.address], 'pending']]);

    const cancel = bodyOf(await signCancelRecovery(client, signer(holder)));
    assert.equal((await post('/recoveries/cancel', token.bob!, cancel)).statusCode, 403);
    const cancelled = await post('/recoveries/cancel', token.holder!, cancel);
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    const view = await guardiansView(token.holder!);
    assert.deepEqual(view.recoveries.map((r) => r.status), ['cancelled']);
    assert.equal(view.nonce, await chainNonce());
  });

  it('finalizes a recovery approved through the sponsor for its new key once the delay is over, and the key view follows', async () => {
    for (const [guardian, as] of [[bob, token.bob!], [carol, token.carol!]] as const) {
      const res = await post('/recoveries/approvals', as, bodyOf(await signApproveRecovery(client, { ...signer(guardian), identity: holder.address, newKey: newKey.address })));
      assert.equal(res.statusCode, 200, res.body);
    }
    const finalize = { identity: holder.address, newKey: newKey.address };
    const early = await post('/recoveries/finalize', token.newKey!, finalize);
    assert.equal(early.statusCode, 422, early.body);
    assert.equal(early.json().error, 'recovery_not_ready');
    assert.equal((await post('/recoveries/finalize', token.stranger!, finalize)).statusCode, 403);

    const { readyAt } = await recoveryOf(client, { holderRegistry, ...finalize });
    const test = createTestClient({ mode: 'anvil', transport: http(f.chain.rpcUrl) });
    await test.setNextBlockTimestamp({ timestamp: BigInt(readyAt) });
    await test.mine({ blocks: 1 });
    const done = await post('/recoveries/finalize', token.newKey!, finalize);
    assert.equal(done.statusCode, 200, done.body);

    const key = (await get(`/identities/${holder.address}/key`, token.stranger!)).json();
    assert.deepEqual([key.key, key.lastChange.how, key.lastChange.transactionHash], [newKey.address, 'GuardianRecovery', done.json().transactionHash]);
    // The new key signs in for the identity; the old one acts for no one.
    token.newKey = await f.login(newKey);
    const view = await guardiansView(token.newKey);
    assert.deepEqual(view.recoveries.map((r) => r.status), ['cancelled', 'completed']);
    assert.equal(view.nonce, await chainNonce());
    const retired = await post('/recoveries/cancel', token.holder!, bodyOf(await signCancelRecovery(client, { ...signer(holder), deadline: await deadline() })));
    assert.equal(retired.statusCode, 403, retired.body);
  });

  it("rotates through the sponsor with the new key signing on another device, then refuses the retired key's messages", async () => {
    const accepted = await signAcceptKey(client, { ...signer(phone), identity: holder.address, deadline: await deadline() });
    const rotation = await signRotateKey(client, { ...signer(newKey), accepted });
    assert.equal((await post('/keys/rotate', token.phone!, bodyOf(rotation))).statusCode, 403);
    const rotated = await post('/keys/rotate', token.newKey!, bodyOf(rotation));
    assert.equal(rotated.statusCode, 200, rotated.body);
    const key = (await get(`/identities/${holder.address}/key`, token.stranger!)).json();
    assert.deepEqual([key.key, key.lastChange.how], [phone.address, 'Rotation']);

    token.phone = await f.login(phone);
    const byRetired = bodyOf(await signRemoveGuardian(client, { ...signer(newKey), identity: holder.address, guardian: bob.address, threshold: 1, deadline: await deadline() }));
    const refused = await post('/guardians/remove', token.phone, byRetired);
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error, 'holder_signature_invalid');
    const removed = await post('/guardians/remove', token.phone, bodyOf(await signRemoveGuardian(client, { ...signer(phone), identity: holder.address, guardian: bob.address, threshold: 1, deadline: await deadline() })));
    assert.equal(removed.statusCode, 200, removed.body);
    const view = await guardiansView(token.phone);
    assert.deepEqual([view.guardians, view.threshold, view.nonce], [[carol.address], 1, await chainNonce()]);
    for (const a of [holder, bob, carol, newKey, phone]) assert.equal(await f.chain.reader.getBalance({ address: a.address }), 0n);
  });

  it('never answers 5xx to well-formed but hostile relayed messages', async () => {
    const routes = ['/guardians', '/guardians/remove', '/recoveries/approvals', '/recoveries/cancel', '/recoveries/finalize', '/keys/rotate'];
    const hex = (bytes: fc.Arbitrary<number>) => bytes.chain((n) => fc.uint8Array({ minLength: n, maxLength: n })).map((b) => `0x${Buffer.from(b).toString('hex')}`);
    const address = fc.oneof(fc.constantFrom(holder.address, bob.address, phone.address, `0x${'00'.repeat(20)}`), hex(fc.constant(20)));
    const signature = fc.oneof(hex(fc.integer({ min: 65, max: 200 })), fc.constant(`0x${'00'.repeat(65)}`), fc.constant(`0x${'ff'.repeat(65)}`));
    const deadlineArb = fc.oneof(fc.constantFrom(0, Number.MAX_SAFE_INTEGER, (await chainNow()) + 3600), fc.nat());
    const body = fc.record({
      identity: address, guardian: address, newKey: address, threshold: fc.integer({ min: 0, max: 16 }), deadline: deadlineArb,
      signature, keySignature: signature, newKeySignature: signature,
    });
    const fields: Record<string, string[]> = {
      '/guardians': ['identity', 'guardian', 'threshold', 'deadline', 'signature'],
      '/guardians/remove': ['identity', 'guardian', 'threshold', 'deadline', 'signature'],
      '/recoveries/approvals': ['guardian', 'identity', 'newKey', 'deadline', 'signature'],
      '/recoveries/cancel': ['identity', 'deadline', 'signature'],
      '/recoveries/finalize': ['identity', 'newKey'],
      '/keys/rotate': ['identity', 'newKey', 'deadline', 'keySignature', 'newKeySignature'],
    };
    const identityOf: Record<string, Address> = { phone: holder.address, bob: bob.address, stranger: stranger.address };
    const before = await sponsorNonce();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, fc.constantFrom('phone', 'bob', 'stranger'), fc.nat(3), async (url, all, as, own) => {
        const payload: Record<string, unknown> = Object.fromEntries(fields[url]!.map((k) => [k, all[k as keyof typeof all]]));
        // Mostly for the caller's own identity, so most runs get past the 403 to the simulation.
        if (own > 0) payload[url === '/recoveries/approvals' ? 'guardian' : 'identity'] = identityOf[as];
        const res = await post(url, token[as]!, payload);
        assert.ok(res.statusCode < 500, `${url} ${JSON.stringify(payload)} answered ${res.statusCode}: ${res.body}`);
        assert.notEqual(res.statusCode, 200, `${url} ${JSON.stringify(payload)} went through`);
      }),
      { numRuns: 80 },
    );
    assert.equal(await sponsorNonce(), before, 'the sponsor paid for nothing');
  });
});
