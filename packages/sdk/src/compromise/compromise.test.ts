import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Address } from 'viem';
import { getBlock } from 'viem/actions';
import { devAccount } from '@identree/devchain';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { issueCredential } from '../credentials/issueCredential.js';
import type { IdentreeCredential } from '../credentials/types.js';
import { createPresentation } from '../presentations/createPresentation.js';
import { verifyPresentation } from '../presentations/verifyPresentation.js';
import { MemoryNonceStore } from '../presentations/nonceStore.js';
import { chainStatusSource } from '../presentations/credentialStatusSource.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';
import { CompromiseAlreadyReportedError, CompromiseNotCutOffError, CompromiseTimeInvalidError } from '../errors/holderRegistry.js';
import { reportCompromise } from './reportCompromise.js';
import { getCompromise } from './getCompromise.js';
import { getAnchorTime } from './getAnchorTime.js';
import { Resolver } from 'did-resolver';
import { getIdentreeResolver } from '../did/getIdentreeResolver.js';
import { toIdentreeDid } from '../did/toIdentreeDid.js';
import type { IdentreeDidDocument } from '../did/types.js';

const BANK = 'https://bank.example';
const birth = (givenName: string) => ({ givenName, fatherLastName: 'Ruiz', birthDate: '1990-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' });

/** Issue 23 §2: a government's stolen key is cut off with a date; only what it anchored since then is void. */
describe('a reported compromise voids the window and keeps what came before', () => {
  let f: RegistryFixture;
  let holderRegistry: Address;
  let status: ReturnType<typeof chainStatusSource>;
  const ministry = 5;
  const issued: Record<string, IdentreeCredential> = {};
  let since = 0;

  before(async () => {
    f = await registryFixture();
    holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    await f.as(0).registerEntity({ entity: f.as(ministry).address, kind: 'Government' });
    for (const i of [1, 2, 3]) await f.as(0).registerEntity({ entity: f.as(i).address, kind: 'Person' });
    issued.rightful = await issueCredential(f.as(ministry), { registry: f.registry, type: 'BirthCertificate', subject: f.as(1).address, attributes: birth('Ana') });
    await f.chain.test.increaseTime({ seconds: 100 });
    await f.chain.test.mine({ blocks: 1 });
    // The key was stolen a little before the thief's first anchor.
    since = Number((await getBlock(f.as(0))).timestamp) + 1;
    await f.chain.test.increaseTime({ seconds: 50 });
    issued.forged = await issueCredential(f.as(ministry), { registry: f.registry, type: 'BirthCertificate', subject: f.as(2).address, attributes: birth('Eva') });
    status = chainStatusSource({ [f.chain.chain.id]: { client: f.as(0), registries: [f.registry] } });
  });
  after(() => f.stop());

  const verify = async (holder: number, credential: IdentreeCredential) => {
    const nonces = new MemoryNonceStore();
    const nonce = await nonces.issue(BANK, 300);
    const presentation = await createPresentation({ holder: devAccount(holder), audience: BANK, nonce, disclose: [{ credential, attributes: ['givenName'] }] });
    return verifyPresentation({ presentation, audience: BANK, nonces, status, policy: {} });
  };
  const codes = async (holder: number, credential: IdentreeCredential) => (await verify(holder, credential)).reasons.map((r) => r.code);

  it('refuses a report on an authority that is still active, with a typed error', async () => {
    await assert.rejects(reportCompromise(f.as(0), { holderRegistry, entity: f.as(ministry).address, since }), CompromiseNotCutOffError);
  });

  it('refuses a compromise time in the future', async () => {
    await f.as(0).suspendEntity({ entity: f.as(ministry).address });
    const future = Number((await getBlock(f.as(0))).timestamp) + 3_600;
    await assert.rejects(reportCompromise(f.as(0), { holderRegistry, entity: f.as(ministry).address, since: future }), CompromiseTimeInvalidError);
  });

  it('after the report, the forged certificate is void and the rightful one stands while the government is suspended', async () => {
    assert.deepEqual(await codes(1, issued.rightful!), ['issuer_suspended'], 'a plain suspension reaches every credential');
    await reportCompromise(f.as(0), { holderRegistry, entity: f.as(ministry).address, since });
    const report = await getCompromise(f.as(0), { holderRegistry, entity: f.as(ministry).address });
    assert.equal(report?.since, since);
    assert.equal(report?.cutOff, 'Suspended');
    const forgedAt = await getAnchorTime(f.as(0), { registry: f.registry, uid: issued.forged!.proof.uid });
    assert.ok(forgedAt && forgedAt.timestamp >= since && forgedAt.timestamp <= report!.reportedAt, 'the forged anchor lies inside the window');
    assert.deepEqual(await codes(1, issued.rightful!), [], 'anchored before the compromise: kept');
    const forged = await verify(2, issued.forged!);
    assert.equal(forged.valid, false);
    assert.deepEqual(forged.reasons.map((r) => [r.code, r.credential]), [['issuer_compromised', issued.forged!.proof.uid]]);
    assert.match(forged.reasons[0]!.message, /inside the compromise of/);
    await assert.rejects(reportCompromise(f.as(0), { holderRegistry, entity: f.as(ministry).address, since: since - 10 }), CompromiseAlreadyReportedError);
  });

  it('the government\'s DID document, read by did-resolver, names the window; a moment before the report does not', async () => {
    const resolver = new Resolver(getIdentreeResolver({ networks: [{ chainId: f.chain.chain.id, client: f.as(0), registry: f.registry }] }));
    const did = toIdentreeDid({ chainId: f.chain.chain.id, address: f.as(ministry).address });
    const now = await resolver.resolve(did);
    const report = (await getCompromise(f.as(0), { holderRegistry, entity: f.as(ministry).address }))!;
    assert.deepEqual((now.didDocument as IdentreeDidDocument).identree.compromise, {
      since: new Date(since * 1000).toISOString(), reportedAt: new Date(report.reportedAt * 1000).toISOString(),
    });
    const earlier = await resolver.resolve(`${did}?versionTime=${new Date((report.reportedAt - 1) * 1000).toISOString().replace('.000', '')}`);
    assert.equal(earlier.didResolutionMetadata.error, undefined, JSON.stringify(earlier.didResolutionMetadata));
    assert.equal((earlier.didDocument as IdentreeDidDocument).identree.compromise, undefined);
  });

  it('after reinstatement the window stays void and new issuance is valid', async () => {
    await f.as(0).reinstateEntity({ entity: f.as(ministry).address });
    await f.chain.test.increaseTime({ seconds: 10 });
    issued.later = await issueCredential(f.as(ministry), { registry: f.registry, type: 'BirthCertificate', subject: f.as(3).address, attributes: birth('Sol') });
    assert.deepEqual(await codes(3, issued.later), []);
    assert.deepEqual(await codes(1, issued.rightful!), []);
    assert.deepEqual(await codes(2, issued.forged!), ['issuer_compromised']);
  });

  it('a later plain revocation reaches everything again, and the window stays void', async () => {
    await f.as(0).revokeEntity({ entity: f.as(ministry).address });
    assert.deepEqual(await codes(1, issued.rightful!), ['issuer_revoked']);
    assert.deepEqual(await codes(2, issued.forged!), ['issuer_compromised']);
  });
});
