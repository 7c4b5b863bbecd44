import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { devAccount } from '@identree/devchain';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { issueCredential } from '../credentials/issueCredential.js';
import type { IdentreeCredential } from '../credentials/types.js';
import { createPresentation } from './createPresentation.js';
import { verifyPresentation } from './verifyPresentation.js';
import { MemoryNonceStore } from './nonceStore.js';
import { chainStatusSource } from './credentialStatusSource.js';
import { credentialId } from '../utils/credentialId.js';
import { disclosureLeafHash } from './disclosureLeafHash.js';
import type { Presentation } from './types.js';
import { keccak256, concat } from 'viem';
import { deployIdentityRegistry } from '../actions/deployIdentityRegistry.js';
import { identreeActions } from '../clients/identreeActions.js';
import { holderActions } from '../clients/holderActions.js';
import { getHolderRegistry } from '../holders/getHolderRegistry.js';

const birth = {
  givenName: 'Ana', fatherLastName: 'Ruiz', motherLastName: 'Soto', birthDate: '2001-05-04',
  sex: 'F', municipality: 'Zapopan', state: 'Jalisco',
};
const BANK = 'https://bank.example';

describe('verifyPresentation', () => {
  let f: RegistryFixture;
  let bc: IdentreeCredential;
  let status: ReturnType<typeof chainStatusSource>;
  const holder = devAccount(1);
  const stranger = devAccount(2);

  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: holder.address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: stranger.address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(3).address, kind: 'Issuer' });
    bc = await issueCredential(f.as(0), { registry: f.registry, type: 'BirthCertificate', subject: holder.address, attributes: birth });
    await f.as(1).linkCredential({ uid: bc.proof.uid });
    status = chainStatusSource({ [f.chain.chain.id]: { client: f.as(0), registries: [f.registry] } });
  });
  after(() => f.stop());

  const present = async (o: { nonces?: MemoryNonceStore; audience?: string; attributes?: string[]; signer?: typeof holder; now?: Date; credential?: IdentreeCredential } = {}) => {
    const nonces = o.nonces ?? new MemoryNonceStore();
    const nonce = await nonces.issue(o.audience ?? BANK, 300);
    const presentation = await createPresentation({
      holder: o.signer ?? holder,
      audience: o.audience ?? BANK,
      nonce,
      now: o.now,
      disclose: [{ credential: o.credential ?? bc, attributes: o.attributes ?? ['ageOver18'] }],
    });
    return { presentation, nonces };
  };
  const verify = (presentation: unknown, nonces: MemoryNonceStore, extra: Partial<Parameters<typeof verifyPresentation>[0]> = {}) =>
    verifyPresentation({ presentation, audience: BANK, nonces, status, ...extra });
  const codes = (v: Awaited<ReturnType<typeof verify>>) => v.reasons.map((r) => r.code);

  it('proves "government-certified and over 18" without the birth date', async () => {
    const { presentation, nonces } = await present();
    const verdict = await verify(presentation, nonces, {
      policy: { minLevel: 'GovernmentCertified', requireLinked: true, requiredAttributes: ['ageOver18'] },
    });
    assert.equal(verdict.valid, true, JSON.stringify(verdict.reasons));
    assert.ok(verdict.valid);
    assert.deepEqual(verdict.credentials[0]!.disclosed, { ageOver18: true }, 'a derived claim is a boolean, not the string its leaf commits');
    assert.equal(verdict.credentials[0]!.level, 'GovernmentCertified');
    assert.ok(!JSON.stringify(presentation).includes('2001-05-04'));
  });

  it('rejects a presentation replayed to the same verifier', async () => {
    const { presentation, nonces } = await present();
    assert.equal((await verify(presentation, nonces)).valid, true);
    assert.deepEqual(codes(await verify(presentation, nonces)), ['nonce_replayed']);
  });

  it('rejects a presentation sent on to another verifier', async () => {
    const { presentation } = await present();
    const other = new MemoryNonceStore();
    const verdict = await verifyPresentation({ presentation, audience: 'https://shop.example', nonces: other, status });
    assert.ok(codes(verdict).includes('audience_mismatch'));
  });

  it('binds the verdict to the challenge of this exchange', async () => {
    const nonces = new MemoryNonceStore();
    // Two live challenges for the same verifier: the holder answered the first, the session asked the second.
    const { presentation } = await present({ nonces });
    const asked = await nonces.issue(BANK, 300);
    assert.deepEqual(codes(await verify(presentation, nonces, { nonce: asked })), ['nonce_mismatch']);
    // Refused before anything was consumed: the same presentation is still good for its own challenge.
    const verdict = await verify(presentation, nonces, { nonce: (presentation as Presentation).nonce.toUpperCase().replace('0X', '0x') as `0x${string}` });
    assert.equal(verdict.valid, true, JSON.stringify(verdict.reasons));
    assert.ok(verdict.valid);
    assert.equal(verdict.nonce, (presentation as Presentation).nonce);
  });

  it('rejects a nonce the verifier never issued', async () => {
    const { presentation } = await present();
    assert.deepEqual(codes(await verify(presentation, new MemoryNonceStore())), ['nonce_replayed']);
  });

  it('rejects a presentation after its expiry', async () => {
    const { presentation, nonces } = await present();
    const later = new Date(Date.now() + 301_000);
    assert.deepEqual(codes(await verify(presentation, nonces, { now: later })), ['expired']);
  });

  it('rejects a presentation signed by anyone other than the subject', async () => {
    const { presentation, nonces } = await present({ signer: stranger });
    assert.deepEqual(codes(await verify(presentation, nonces)), ['signer_not_subject']);
    const forged = { ...(await present()).presentation, signature: (presentation as Presentation).signature };
    assert.deepEqual(codes(await verify(forged, nonces)), ['signature_invalid']);
  });

  it('rejects a disclosure whose value or salt was altered', async () => {
    const { presentation, nonces } = await present({ attributes: ['ageOver18', 'state'] });
    const alter = (change: (d: Presentation['credentials'][0]['disclosures'][0]) => void) => {
      const copy = structuredClone(presentation);
      change(copy.credentials[0]!.disclosures.find((d) => d.name === 'state')!);
      return copy;
    };
    assert.deepEqual(codes(await verify(alter((d) => (d.value = 'Sonora')), nonces)), ['proof_invalid']);
    assert.deepEqual(codes(await verify(alter((d) => (d.salt = `0x${'11'.repeat(32)}`)), nonces)), ['proof_invalid']);
  });

  it('rejects an inner node presented as a leaf', async () => {
    const { presentation, nonces } = await present({ attributes: ['ageOver18'] });
    const c = presentation.credentials[0]!;
    // Present the parent of the real leaf and its sibling as if the parent were a leaf: the
    // verifier re-hashes every disclosure as a leaf, so the inner node cannot stand in for one.
    const leaf = disclosureLeafHash(c.disclosures[0]!);
    const sibling = c.proof[0]!;
    const inner = keccak256(concat([leaf, sibling].sort() as `0x${string}`[]));
    const copy = structuredClone(presentation);
    copy.credentials[0]!.disclosures = [{ name: 'node', value: inner, salt: inner }];
    copy.credentials[0]!.proof = c.proof.slice(1);
    copy.credentials[0]!.proofFlags = c.proofFlags.slice(1);
    assert.deepEqual(codes(await verify(copy, nonces)), ['proof_invalid']);
  });

  it('rejects a proof of the wrong depth with a typed reason', async () => {
    const { presentation, nonces } = await present();
    const copy = structuredClone(presentation);
    copy.credentials[0]!.proof.push(copy.credentials[0]!.proof[0]!);
    assert.deepEqual(codes(await verify(copy, nonces)), ['proof_malformed']);
  });

  it('rejects malformed and oversized presentations without throwing', async () => {
    const nonces = new MemoryNonceStore();
    for (const bad of [null, 42, 'x', {}, { type: 'IdentreePresentation2026' }, { ...(await present()).presentation, credentials: [] }]) {
      const verdict = await verify(bad, nonces);
      assert.equal(verdict.valid, false);
      assert.deepEqual(codes(verdict), ['malformed']);
    }
    const big = structuredClone((await present()).presentation);
    big.credentials = Array.from({ length: 17 }, () => big.credentials[0]!);
    assert.match((await verify(big, nonces)).reasons[0]!.message, /credentials/);
    const empty = structuredClone((await present()).presentation);
    empty.credentials[0]!.disclosures = [];
    assert.deepEqual(codes(await verify(empty, nonces)), ['malformed']);
  });

  it('rejects a credential after its validity window', async () => {
    const block = await f.as(0).getBlock();
    const until = new Date(Number(block.timestamp + 3600n) * 1000);
    const short = await issueCredential(f.as(0), {
      registry: f.registry, type: 'Passport', schema: 'Generic', subject: holder.address,
      attributes: { passportNumber: 'G1234567' }, validUntil: until,
    });
    const after = new Date(until.getTime() + 1000);
    const { presentation, nonces } = await present({ credential: short, attributes: ['passportNumber'], now: after });
    assert.deepEqual(codes(await verify(presentation, nonces, { now: after })), ['credential_expired']);
  });

  it('rejects a credential once its issuer revoked it', async () => {
    const revocable = await issueCredential(f.as(0), {
      registry: f.registry, type: 'BirthCertificate', subject: holder.address, attributes: birth,
    });
    const { presentation, nonces } = await present({ credential: revocable });
    await f.as(0).revokeCredential({ commitment: revocable.proof.commitment });
    assert.deepEqual(codes(await verify(presentation, nonces)), ['credential_revoked']);
  });

  it('rejects a credential whose issuer was not entitled to the claimed standing', async () => {
    // An unaccredited university's curriculum is Uncertified: a policy asking for accreditation refuses it.
    const curriculum = await issueCredential(f.as(3), {
      registry: f.registry, type: 'ScholarCurriculum', subject: holder.address,
      attributes: { studentId: 'A-1', program: 'Law' }, source: bc.proof.uid,
    });
    const { presentation, nonces } = await present({ credential: curriculum, attributes: ['program'] });
    assert.deepEqual(codes(await verify(presentation, nonces, { policy: { minLevel: 'Accredited' } })), ['level_too_low']);
    // Claiming the government issued it points at an anchor that does not exist.
    const forged = structuredClone(presentation);
    forged.credentials[0]!.issuer = f.as(0).address;
    forged.credentials[0]!.uid = credentialId({ issuer: f.as(0).address, commitment: forged.credentials[0]!.commitment });
    const { presentation: resigned } = { presentation: await createPresentationFrom(forged) };
    assert.deepEqual(codes(await verify(resigned, nonces)), ['credential_not_anchored']);
  });

  it('refuses a credential from a registry the verifier does not trust, without reading it', async () => {
    // Anyone can deploy a registry, make themselves its root and certify whatever they like there.
    const rogue = (await deployIdentityRegistry(f.chain.wallet(2))).registry;
    const rogueRoot = f.chain.wallet(2).extend(identreeActions(rogue));
    await rogueRoot.registerEntity({ entity: holder.address, kind: 'Person' });
    const forged = await issueCredential(rogueRoot, { registry: rogue, type: 'BirthCertificate', subject: holder.address, attributes: birth });
    const { presentation, nonces } = await present({ credential: forged });
    const reads: string[] = [];
    const watched = { ...status, getStatus: (r: Parameters<typeof status.getStatus>[0]) => (reads.push(r.registry), status.getStatus(r)) };
    const verdict = await verify(presentation, nonces, { status: watched, policy: { minLevel: 'GovernmentCertified' } });
    assert.deepEqual(codes(verdict), ['registry_untrusted']);
    assert.deepEqual(reads, []);
    // The same presentation passes for a verifier that chose to trust that registry: the refusal above is the trust check.
    const both = chainStatusSource({ [f.chain.chain.id]: { client: f.as(0), registries: [f.registry, rogue] } });
    assert.equal((await verify(presentation, nonces, { status: both })).valid, true);
  });

  it('after a key rotation, only the identity\'s new key speaks for it', async () => {
    // 5 is the identity (its first key), 6 the key it rotates to.
    const [oldKey, newKey] = [devAccount(5), devAccount(6)];
    await f.as(0).registerEntity({ entity: oldKey.address, kind: 'Person' });
    const diploma = await issueCredential(f.as(0), { registry: f.registry, type: 'BirthCertificate', subject: oldKey.address, attributes: birth });
    const holderRegistry = await getHolderRegistry(f.as(0), { registry: f.registry });
    const accepted = await f.as(6).extend(holderActions(holderRegistry)).signAcceptKey({ identity: oldKey.address });
    await f.as(5).extend(holderActions(holderRegistry)).rotateKey(accepted);

    const byOldKey = await present({ credential: diploma, signer: oldKey });
    const stale = await verify(byOldKey.presentation, byOldKey.nonces);
    assert.deepEqual(codes(stale), ['key_not_current']);
    assert.match(stale.reasons[0]!.message, new RegExp(`controlled by ${newKey.address} now`, 'i'));

    const nonces = new MemoryNonceStore();
    const byNewKey = await createPresentation({
      holder: newKey, identity: oldKey.address, audience: BANK, nonce: await nonces.issue(BANK, 300),
      disclose: [{ credential: diploma, attributes: ['ageOver18'] }],
    });
    const verdict = await verify(byNewKey, nonces);
    assert.equal(verdict.valid, true, JSON.stringify(verdict.reasons));
    assert.equal(verdict.holder, oldKey.address);

    // The new key is not an identity of its own: presenting as itself speaks for nobody.
    const asItself = await present({ credential: diploma, signer: newKey });
    assert.ok(codes(await verify(asItself.presentation, asItself.nonces)).includes('key_not_current'));
  });

  /** Re-signs a modified presentation as the real holder, as an attacker holding the key could. */
  async function createPresentationFrom(p: Presentation): Promise<Presentation> {
    const { presentationTypedData } = await import('./presentationTypedData.js');
    return { ...p, signature: await holder.signTypedData(presentationTypedData(p)) };
  }
});
