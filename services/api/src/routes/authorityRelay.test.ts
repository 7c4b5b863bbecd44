import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hex, LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** Issue 17: a government whose key holds no ether registers a citizen through the API; the sponsor pays and records it. */
describe('authority writes relayed by the sponsor', () => {
  let f: ServiceFixture;
  const ministry = privateKeyToAccount(generatePrivateKey());
  const citizen = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());
  const tokens = new Map<string, string>();
  let keys = 0;

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.registerEntity({ entity: ministry.address, kind: 'Government' });
    await f.chain.sponsor.registerEntity({ entity: stranger.address, kind: 'Person' });
  });
  after(() => f.stop());

  const tokenOf = async (account: LocalAccount) => {
    if (!tokens.has(account.address)) tokens.set(account.address, await f.login(account));
    return tokens.get(account.address)!;
  };
  const prepare = async (account: LocalAccount, write: string, body: object) =>
    f.app.inject({ method: 'POST', url: `/prepare/${write}/relayed`, headers: { authorization: `Bearer ${await tokenOf(account)}` }, payload: body });
  /** Signs the typed data the API answered with the account's own key, as a wallet's eth_signTypedData_v4 would. */
  const sign = async (account: LocalAccount, typed: { domain: never; types: never; primaryType: string; message: { signer: Hex; data: Hex; nonce: string; deadline: string } }) => {
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    const signature = await account.signTypedData({ domain: typed.domain, types: typed.types, primaryType: typed.primaryType, message } as never);
    return { signer: typed.message.signer, data: typed.message.data, deadline: Number(typed.message.deadline), signature };
  };
  const relay = async (account: LocalAccount, body: object) =>
    f.app.inject({ method: 'POST', url: '/relay/authority-call', headers: { authorization: `Bearer ${await tokenOf(account)}`, 'idempotency-key': `authority-relay-${++keys}` }, payload: body });

  it('registers a citizen for a government with no ether, and charges the gas to the government in its audit log', async () => {
    assert.equal(await f.chain.reader.getBalance({ address: ministry.address }), 0n);
    const prepared = await prepare(ministry, 'register-entity', { entity: citizen.address, kind: 'Person' });
    assert.equal(prepared.statusCode, 200, prepared.body);
    assert.equal(prepared.json().primaryType, 'AuthorityCall');
    const res = await relay(ministry, await sign(ministry, prepared.json()));
    assert.equal(res.statusCode, 200, res.body);
    const entity = (await f.app.inject({ method: 'GET', url: `/entities/${citizen.address}` })).json();
    assert.equal(entity.registrar.toLowerCase(), ministry.address.toLowerCase());
    assert.ok((await f.storage.audit.sponsoredWeiSince(ministry.address, new Date(Date.now() - 60_000))) > 0n, 'the sponsor\'s gas is on the government\'s account');
    assert.equal(await f.chain.reader.getBalance({ address: ministry.address }), 0n, 'still no ether');
  });

  it('answers a write the registry would refuse with its typed error at prepare, before anything is signed or paid', async () => {
    const res = await prepare(stranger, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error, 'entity_kind_not_allowed');
  });

  it('refuses another identity\'s signed call, a non-authority signer, and calldata that is no authority write', async () => {
    const prepared = await prepare(ministry, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' });
    const signed = await sign(ministry, prepared.json());
    const theirs = await relay(stranger, signed);
    assert.equal(theirs.statusCode, 403, theirs.body);
    // A person's signed call: the sponsor relays only for authorities.
    const personCall = await prepare(stranger, 'suspend-entity', { entity: citizen.address });
    assert.equal(personCall.statusCode, 403, personCall.body);
    const forged = { ...signed, signer: stranger.address };
    const notAuthority = await relay(stranger, forged);
    assert.equal(notAuthority.statusCode, 403, notAuthority.body);
    assert.equal(notAuthority.json().error, 'not_sponsored');
    const garbage = await relay(ministry, { ...signed, data: '0xdeadbeef' });
    assert.equal(garbage.statusCode, 400, garbage.body);
    assert.equal(garbage.json().error, 'invalid_transaction');
    const malformed = await relay(ministry, { ...signed, signature: 'nope' });
    assert.equal(malformed.statusCode, 400, malformed.body);
  });

  it('refuses a signature moved onto other calldata with the typed signature error, and nothing is written', async () => {
    const prepared = await prepare(ministry, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Person' });
    const signed = await sign(ministry, prepared.json());
    const other = await prepare(ministry, 'register-entity', { entity: privateKeyToAccount(generatePrivateKey()).address, kind: 'Government' });
    const res = await relay(ministry, { ...signed, data: other.json().message.data });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error, 'holder_signature_invalid');
  });
});
