import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Wallet } from 'ethers';
import { keccak256, stringToHex, type Address, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { accreditVerifier, enrollmentId, getEnrollment } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

const h = (label: string): Hash => keccak256(stringToHex(label));

/**
 * The enrollee's enrollment recorded without ether: POST /prepare/enrollment answers the EIP-712 Enroll
 * message, a wallet signs it (ethers here, not the SDK that prepared it), POST /enrollments relays it
 * through the chain worker's outbox and the sponsor pays. The registry, on anvil, is what checks the
 * signature; the enrollee's key never holds ether.
 */
describe('an enrollee\'s signed enrollment, relayed by the sponsor', () => {
  let f: ServiceFixture;
  const enrolleeKey = generatePrivateKey();
  const enrollee = privateKeyToAccount(enrolleeKey);
  const stranger = privateKeyToAccount(generatePrivateKey());
  let enrollmentRegistry: Address;
  let token: string;
  const commitment = (image: string) => ({ enrollee: enrollee.address, imageHash: h(image), fieldsRoot: h('fields root'), fieldCount: 2 });
  const chainNow = async () => Number((await f.chain.reader.getBlock({ blockTag: 'latest' })).timestamp);
  const post = (url: string, as: string | undefined, payload: object, key?: string) =>
    f.app.inject({ method: 'POST', url, headers: { ...(as ? { authorization: `Bearer ${as}` } : {}), ...(key ? { 'idempotency-key': key } : {}) }, payload });

  /** The prepared message, signed by `signer` with ethers. */
  const signed = async (image: string, { signer = enrolleeKey, deadline }: { signer?: Hash; deadline?: number } = {}) => {
    const res = await post('/prepare/enrollment', undefined, { ...commitment(image), deadline: deadline ?? (await chainNow()) + 3600 });
    assert.equal(res.statusCode, 200, res.body);
    const typed = res.json() as { domain: Record<string, unknown>; types: Record<string, { name: string; type: string }[]>; message: Record<string, unknown> };
    const signature = await new Wallet(signer).signTypedData(typed.domain, typed.types, typed.message);
    return { ...commitment(image), deadline: Number(typed.message.deadline), signature };
  };

  before(async () => {
    f = await serviceFixture({}, { enrollment: true });
    enrollmentRegistry = f.enrollmentRegistry!;
    const sponsor = f.chain.sponsor as never;
    await f.chain.sponsor.registerEntity({ entity: enrollee.address, kind: 'Person' });
    for (let i = 0; i < 6; i++) {
      const verifier = privateKeyToAccount(h(`relay verifier ${i}`)).address;
      await f.chain.sponsor.registerEntity({ entity: verifier, kind: 'Person' });
      await accreditVerifier(sponsor, { enrollmentRegistry, verifier });
    }
    token = await f.login(enrollee);
  });
  after(() => f?.stop());

  it('names the enrollment registry on /health when enrollment is on, and not when it is off', async () => {
    const on = await f.app.inject({ method: 'GET', url: '/health' });
    assert.equal(on.json().enrollmentRegistry, enrollmentRegistry);
    const off = await (await f.mount({ enrollment: undefined })).inject({ method: 'GET', url: '/health' });
    assert.equal(off.json().registry, f.chain.registry);
    assert.equal('enrollmentRegistry' in off.json(), false, off.body);
  });

  it('prepares the Enroll message in the registry\'s own EIP-712 domain', async () => {
    const res = await post('/prepare/enrollment', undefined, commitment('photo 0'));
    assert.equal(res.statusCode, 200, res.body);
    const typed = res.json();
    assert.equal(typed.primaryType, 'Enroll');
    assert.deepEqual(typed.domain, { name: 'Identree Enrollment', version: '1', chainId: f.chain.chainId, verifyingContract: enrollmentRegistry });
    assert.ok(Number(typed.message.deadline) > Date.now() / 1000, 'a deadline ahead by default');
  });

  it('records the enrollee\'s enrollment once per Idempotency-Key, paid by the sponsor', async () => {
    const body = await signed('photo 1');
    const first = await post('/enrollments', token, body, 'enroll-photo-1');
    assert.equal(first.statusCode, 200, first.body);
    const id = enrollmentId({ enrollee: enrollee.address, imageHash: h('photo 1'), fieldsRoot: h('fields root') });
    assert.equal((await getEnrollment(f.chain.reader as never, { enrollmentRegistry, enrollment: id }))?.fieldCount, 2);
    assert.equal(await f.chain.reader.getBalance({ address: enrollee.address }), 0n, 'the enrollee paid nothing');
    const again = await post('/enrollments', token, body, 'enroll-photo-1');
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().id, first.json().id, 'the same write, not a second one');
    const replay = await post('/enrollments', token, body, 'enroll-photo-1-again');
    assert.equal(replay.statusCode, 409, replay.body);
    assert.equal(replay.json().error, 'enrollment_already_recorded');
  });

  it('refuses an expired or forged message with typed errors, before anything is sent', async () => {
    const expired = await post('/enrollments', token, await signed('photo 2', { deadline: (await chainNow()) - 1 }), 'enroll-photo-2');
    assert.equal(expired.statusCode, 422, expired.body);
    assert.equal(expired.json().error, 'enrollment_signature_expired');
    const forged = await post('/enrollments', token, await signed('photo 3', { signer: generatePrivateKey() }), 'enroll-photo-3');
    assert.equal(forged.statusCode, 422, forged.body);
    assert.equal(forged.json().error, 'enrollment_signature_invalid');
  });

  it('relays only the enrollee\'s own enrollment, and names the field of a bad body', async () => {
    const body = await signed('photo 4');
    const foreign = await post('/enrollments', await f.login(stranger), body, 'enroll-photo-4');
    assert.equal(foreign.statusCode, 403, foreign.body);
    const bad = await post('/enrollments', token, { ...body, fieldCount: 33 }, 'enroll-photo-4');
    assert.equal(bad.statusCode, 400, bad.body);
    assert.match(bad.json().message, /fieldCount/);
    const unsigned = await post('/enrollments', undefined, body, 'enroll-photo-4');
    assert.equal(unsigned.statusCode, 401, unsigned.body);
    const noKey = await post('/enrollments', token, body);
    assert.equal(noKey.statusCode, 400, noKey.body);
  });
});
