import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, parseEther, stringToHex, type Hex, type LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { devAccount } from '@identree/devchain';
import { CredentialType } from '@identree/sdk';
import { serviceFixture, type ServiceFixture } from '../test/serviceFixture.js';

/** Every authority write the papers need that authorityWrites.test.ts does not already perform, each prepared, signed by its author and submitted. */
describe('the rest of the authority writes through prepare and submit', () => {
  let f: ServiceFixture;
  const government = devAccount(0);
  const successor = devAccount(1);
  const alice = devAccount(2);
  const bob = devAccount(3);
  const university = privateKeyToAccount(generatePrivateKey());
  const carol = privateKeyToAccount(generatePrivateKey());
  const tokens = new Map<string, string>();
  let keys = 0;

  before(async () => {
    f = await serviceFixture();
    await f.chain.sponsor.sendTransaction({ to: university.address, value: parseEther('1'), account: f.chain.sponsor.account, chain: f.chain.sponsor.chain } as never);
  });
  after(() => f.stop());

  const tokenOf = async (account: LocalAccount) => {
    if (!tokens.has(account.address)) tokens.set(account.address, await f.login(account));
    return tokens.get(account.address)!;
  };
  const perform = async (account: LocalAccount, write: string, body: object) => {
    const token = await tokenOf(account);
    const prepared = await f.app.inject({ method: 'POST', url: `/prepare/${write}`, headers: { authorization: `Bearer ${token}` }, payload: body });
    assert.equal(prepared.statusCode, 200, `${write}: ${prepared.body}`);
    const p = prepared.json();
    const signedTransaction = await account.signTransaction({
      to: p.to, data: p.data, chainId: p.chainId, nonce: p.nonce, gas: BigInt(p.gas), type: 'eip1559', maxFeePerGas: BigInt(p.maxFeePerGas), maxPriorityFeePerGas: BigInt(p.maxPriorityFeePerGas),
    });
    const res = await f.app.inject({ method: 'POST', url: '/transactions', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `lifecycle-${++keys}` }, payload: { signedTransaction } });
    assert.equal(res.statusCode, 200, `${write}: ${res.body}`);
    return res.json() as { response: { events: { event: string; args: Record<string, unknown> }[] } };
  };
  const events = (result: Awaited<ReturnType<typeof perform>>) => result.response.events.map((e) => e.event);
  const statusOf = async (address: string) => (await f.app.inject({ method: 'GET', url: `/entities/${address}` })).json().status;

  it('registers, suspends, reinstates and revokes an entity', async () => {
    for (const [entity, kind] of [[university.address, 'Issuer'], [alice.address, 'Person'], [bob.address, 'Person'], [successor.address, 'Government'], [carol.address, 'Person']] as const) {
      await perform(government, 'register-entity', { entity, kind });
    }
    await perform(government, 'suspend-entity', { entity: carol.address });
    assert.equal(await statusOf(carol.address), 'Suspended');
    await perform(government, 'reinstate-entity', { entity: carol.address });
    assert.equal(await statusOf(carol.address), 'Active');
    await perform(government, 'revoke-entity', { entity: carol.address });
    assert.equal(await statusOf(carol.address), 'Revoked');
  });

  it('defines a credential type', async () => {
    const result = await perform(government, 'define-credential-type', { name: 'Diploma', rules: { appendable: true, sourceType: CredentialType.BirthCertificate } });
    assert.ok(events(result).some((e) => /Type/.test(e)), events(result).join());
  });

  it('transfers a car title: the holder requests, the issuer approves', async () => {
    const commitment = keccak256(stringToHex('car title VIN 3VW'));
    const anchored = await perform(government, 'anchor-credential', { subject: alice.address, credentialType: CredentialType.CarTitle, commitment });
    const uid = anchored.response.events.find((e) => e.event === 'CredentialAnchored')!.args.uid as Hex;
    const requested = await perform(alice, 'request-credential-transfer', { uid, to: bob.address });
    assert.ok(events(requested).some((e) => /Transfer/.test(e)), events(requested).join());
    const approved = await perform(government, 'approve-credential-transfer', { commitment, to: bob.address });
    assert.ok(events(approved).some((e) => /Transfer/.test(e)), events(approved).join());
  });

  it('adds an achievement to a curriculum, revokes the curriculum and the accreditation', async () => {
    const birth = await perform(government, 'anchor-birth-certificate', { subject: alice.address, credentialType: CredentialType.BirthCertificate, commitment: keccak256(stringToHex('alice birth')), parents: {} });
    const source = birth.response.events.find((e) => e.event === 'CredentialAnchored')!.args.uid as Hex;
    await perform(government, 'accredit-issuer', { issuer: university.address, credentialType: CredentialType.ScholarCurriculum });
    const commitment = keccak256(stringToHex('alice curriculum'));
    const curriculum = await perform(university, 'anchor-credential', { subject: alice.address, credentialType: CredentialType.ScholarCurriculum, commitment, source });
    const uid = curriculum.response.events.find((e) => e.event === 'CredentialAnchored')!.args.uid as Hex;
    const added = await perform(university, 'add-achievement', { commitment, achievement: keccak256(stringToHex('grade: 10')) });
    assert.ok(events(added).some((e) => /Achievement/.test(e)), events(added).join());
    await perform(university, 'revoke-credential', { commitment });
    assert.equal((await f.app.inject({ method: 'GET', url: `/credentials/${uid}` })).json().revoked, true);
    const withdrawn = await perform(government, 'revoke-accreditation', { issuer: university.address, credentialType: CredentialType.ScholarCurriculum });
    assert.ok(events(withdrawn).some((e) => /Accredit/.test(e)), events(withdrawn).join());
  });

  it('cuts off a revoked government: root revokes a birth certificate it anchored, nobody else may', async () => {
    const province = devAccount(4);
    await perform(government, 'register-entity', { entity: province.address, kind: 'Government' });
    const commitment = keccak256(stringToHex('bob birth in the province'));
    const anchored = await perform(province, 'anchor-birth-certificate', { subject: bob.address, credentialType: CredentialType.BirthCertificate, commitment, parents: {} });
    const uid = anchored.response.events.find((e) => e.event === 'CredentialAnchored')!.args.uid as Hex;
    await perform(government, 'revoke-entity', { entity: province.address });
    const refused = await f.app.inject({ method: 'POST', url: '/prepare/revoke-credential-of', headers: { authorization: `Bearer ${await tokenOf(alice)}` }, payload: { issuer: province.address, commitment } });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error, 'entity_not_in_registration_chain');
    const revoked = await perform(government, 'revoke-credential-of', { issuer: province.address, commitment });
    assert.ok(events(revoked).includes('CredentialRevoked'), events(revoked).join());
    assert.equal((await f.app.inject({ method: 'GET', url: `/credentials/${uid}` })).json().revoked, true);
  });

  it('dates a stolen government key after suspending it: refused while active, recorded once', async () => {
    const province = devAccount(5);
    await perform(government, 'register-entity', { entity: province.address, kind: 'Government' });
    const since = Math.floor(Date.now() / 1000) - 3_600;
    const early = await f.app.inject({ method: 'POST', url: '/prepare/report-compromise', headers: { authorization: `Bearer ${await tokenOf(government)}` }, payload: { entity: province.address, since } });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().error, 'compromise_not_cut_off');
    const future = await f.app.inject({ method: 'POST', url: '/prepare/report-compromise', headers: { authorization: `Bearer ${await tokenOf(government)}` }, payload: { entity: province.address, since: 'yesterday' } });
    assert.equal(future.statusCode, 400, future.body);
    await perform(government, 'suspend-entity', { entity: province.address });
    const reported = await perform(government, 'report-compromise', { entity: province.address, since });
    const event = reported.response.events.find((e) => e.event === 'CompromiseReported');
    assert.ok(event, events(reported).join());
    assert.equal(Number(event.args.since), since);
    const again = await f.app.inject({ method: 'POST', url: '/prepare/report-compromise', headers: { authorization: `Bearer ${await tokenOf(government)}` }, payload: { entity: province.address, since } });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error, 'compromise_already_reported');
  });

  it('hands the root authority over: the root names a government, which accepts', async () => {
    const started = await perform(government, 'transfer-root', { newRoot: successor.address });
    assert.ok(events(started).includes('RootTransferStarted'), events(started).join());
    const accepted = await perform(successor, 'accept-root', {});
    assert.ok(events(accepted).includes('RootTransferred'), events(accepted).join());
    // The old root is refused now, at prepare, with its typed error.
    const res = await f.app.inject({ method: 'POST', url: '/prepare/define-credential-type', headers: { authorization: `Bearer ${await tokenOf(government)}` }, payload: { name: 'Late' } });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error, 'root_unauthorized_account');
  });
});
