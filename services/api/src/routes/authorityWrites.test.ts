import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, parseEther, stringToHex, type Hex, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { CredentialType } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** A prepared transaction as the API answers it, back into what a wallet signs. */
const toSignable = (p: Record<string, string | number>) => ({
  to: p.to as Hex, data: p.data as Hex, chainId: Number(p.chainId), nonce: Number(p.nonce), gas: BigInt(p.gas!), type: 'eip1559' as const,
  maxFeePerGas: BigInt(p.maxFeePerGas!), maxPriorityFeePerGas: BigInt(p.maxPriorityFeePerGas!), value: 0n,
});

describe('prepared authority writes', () => {
  let f: ServiceFixture;
  const government = devAccount(0);
  const university = privateKeyToAccount(generatePrivateKey());
  const citizen = privateKeyToAccount(generatePrivateKey());
  let govToken: string;

  before(async () => {
    f = await serviceFixture();
    govToken = await f.login(government);
  });
  after(() => f.stop());

  const call = (url: string, token: string, payload: object, key?: string) =>
    f.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) }, payload });
  /** What an authority does with the API alone: prepare, sign in its own wallet, submit. */
  const perform = async (account: LocalAccount, token: string, write: string, body: object, key: string) => {
    const prepared = await call(`/prepare/${write}`, token, body);
    assert.equal(prepared.statusCode, 200, prepared.body);
    const signedTransaction = await account.signTransaction(toSignable(prepared.json()));
    return call('/transactions', token, { signedTransaction }, key);
  };

  it('registers an entity through prepare, sign and submit, the key never leaving the wallet', async () => {
    const res = await perform(government, govToken, 'register-entity', { entity: university.address, kind: 'Issuer' }, 'register-university');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'confirmed');
    assert.equal((await f.app.inject({ method: 'GET', url: `/entities/${university.address}` })).json().kind, 'Issuer');
    const again = await perform(government, govToken, 'register-entity', { entity: citizen.address, kind: 'Person' }, 'register-citizen');
    assert.equal(again.statusCode, 200, again.body);
  });

  it('answers a write the registry would refuse with its typed error at prepare, nothing sent', async () => {
    const nonce = await f.chain.reader.getTransactionCount({ address: government.address });
    const res = await call('/prepare/register-entity', govToken, { entity: university.address, kind: 'Issuer' });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error, 'entity_already_registered');
    assert.equal(await f.chain.reader.getTransactionCount({ address: government.address }), nonce);
  });

  const uidOf = (res: { json(): { response: { events: { event: string; args: { uid: Hex } }[] } } }) =>
    res.json().response.events.find((e) => e.event === 'CredentialAnchored')!.args.uid;
  let birthCertificate: Hex;

  it('issues a birth certificate with its parents and accredits the university, as the government', async () => {
    const mother = privateKeyToAccount(generatePrivateKey());
    const registered = await perform(government, govToken, 'register-entity', { entity: mother.address, kind: 'Person' }, 'register-mother');
    assert.equal(registered.statusCode, 200, registered.body);
    const res = await perform(government, govToken, 'anchor-birth-certificate', {
      subject: citizen.address, credentialType: CredentialType.BirthCertificate, commitment: keccak256(stringToHex('birth')), parents: { mother: mother.address },
    }, 'birth-certificate');
    assert.equal(res.statusCode, 200, res.body);
    birthCertificate = uidOf(res);
    assert.ok(res.json().response.events.some((e: { event: string }) => e.event !== 'CredentialAnchored'), 'the parent link is an event of its own');
    const accredit = await perform(government, govToken, 'accredit-issuer', { issuer: university.address, credentialType: CredentialType.ScholarCurriculum }, 'accredit-university');
    assert.equal(accredit.statusCode, 200, accredit.body);
  });

  const curriculum = () => ({ subject: citizen.address, credentialType: CredentialType.ScholarCurriculum, commitment: keccak256(stringToHex('curriculum')), source: birthCertificate });

  it('says insufficient funds, with no internal address, when an authority without ether prepares a write', async () => {
    const token = await f.login(university);
    const res = await call('/prepare/anchor-credential', token, curriculum());
    assert.equal(res.statusCode, 402, res.body);
    assert.equal(res.json().error, 'insufficient_funds');
    assert.match(res.json().message, /holds 0 ether/);
    assert.doesNotMatch(res.body, /https?:|127\.0\.0\.1|at .*\.ts/);
  });

  it('issues an accredited (government-certified) curriculum from the accredited, funded university', async () => {
    // The operator funds the university's key (until authority writes can be relayed; see the README).
    await f.chain.sponsor.sendTransaction({ to: university.address, value: parseEther('1'), account: f.chain.sponsor.account, chain: f.chain.sponsor.chain } as never);
    const token = await f.login(university);
    const res = await perform(university, token, 'anchor-credential', curriculum(), 'issue-curriculum');
    assert.equal(res.statusCode, 200, res.body);
    const credential = (await f.app.inject({ method: 'GET', url: `/credentials/${uidOf(res)}` })).json();
    assert.equal(credential.level, 'Accredited', JSON.stringify(credential));
  });

  it('links the birth certificate from typed data the API prepared and the citizen\'s wallet signed', async () => {
    const token = await f.login(citizen);
    const prepared = await f.app.inject({ method: 'POST', url: '/prepare/holder/link-credential', payload: { holder: citizen.address, uid: birthCertificate } });
    assert.equal(prepared.statusCode, 200, prepared.body);
    const typed = prepared.json();
    assert.equal(typed.domain.verifyingContract.toLowerCase(), f.chain.registry.toLowerCase());
    const message = { ...typed.message, nonce: BigInt(typed.message.nonce), deadline: BigInt(typed.message.deadline) };
    const signature = await citizen.signTypedData({ ...typed, message });
    const res = await call('/tree/link', token, { holder: citizen.address, uid: birthCertificate, deadline: Number(message.deadline), signature }, 'link-birth');
    assert.equal(res.statusCode, 200, res.body);
    const tree = (await f.app.inject({ method: 'GET', url: `/entities/${citizen.address}/tree` })).json();
    assert.deepEqual(tree.credentials.map((c: { uid: string }) => c.uid), [birthCertificate]);
  });

  it('re-binds an identity through the holder registry, signed by its registrar', async () => {
    const newKey = privateKeyToAccount(generatePrivateKey());
    const res = await perform(government, govToken, 'rebind-by-registrar', { identity: citizen.address, newKey: newKey.address, evidence: keccak256(stringToHex('in-person check')) }, 'rebind-citizen');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await f.app.inject({ method: 'GET', url: `/identities/${citizen.address}/key` })).json().key?.toLowerCase(), newKey.address.toLowerCase());
  });

  it('refuses a body that breaks the schema with 400 naming the field', async () => {
    const res = await call('/prepare/register-entity', govToken, { entity: university.address, kind: 'Wizard' });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /body\.kind/);
    const longName = await call('/prepare/define-credential-type', govToken, { name: 'é'.repeat(20) });
    assert.equal(longName.statusCode, 400, longName.body);
    assert.match(longName.json().message, /"name".*31 bytes/);
    const signed = await call('/transactions', govToken, { signedTransaction: '0x1234' }, 'bad-transaction');
    assert.equal(signed.statusCode, 400, signed.body);
    assert.equal(signed.json().error, 'invalid_transaction');
  });
});
