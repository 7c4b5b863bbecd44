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
import type { VerifierPolicy } from './types.js';

const BANK = 'https://bank.example';
const birth = (birthDate: string) => ({ givenName: 'Ana', fatherLastName: 'Ruiz', birthDate, sex: 'F', municipality: 'Zapopan', state: 'Jalisco' });

/** Standing is read when a presentation is verified: each refusal below has its own reason. */
describe('verifyPresentation enforces standing and required values', () => {
  let f: RegistryFixture;
  let status: ReturnType<typeof chainStatusSource>;
  // 1 adult holder; 2 a holder born in 2010; 3 an (unaccredited) issuer; 4 a holder whose identity gets revoked.
  const credentials: Record<string, IdentreeCredential> = {};

  before(async () => {
    f = await registryFixture();
    for (const i of [1, 2, 4]) await f.as(0).registerEntity({ entity: f.as(i).address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(3).address, kind: 'Issuer' });
    credentials.adult = await issueCredential(f.as(0), { registry: f.registry, type: 'BirthCertificate', subject: f.as(1).address, attributes: birth('2001-05-04') });
    credentials.minor = await issueCredential(f.as(0), { registry: f.registry, type: 'BirthCertificate', subject: f.as(2).address, attributes: birth('2010-02-01') });
    credentials.revokedHolder = await issueCredential(f.as(0), { registry: f.registry, type: 'BirthCertificate', subject: f.as(4).address, attributes: birth('1990-01-01') });
    credentials.curriculum = await issueCredential(f.as(3), {
      registry: f.registry, type: 'ScholarCurriculum', subject: f.as(1).address, attributes: { studentId: 'A-1', program: 'Law' }, source: credentials.adult.proof.uid,
    });
    status = chainStatusSource({ [f.chain.chain.id]: { client: f.as(0), registries: [f.registry] } });
  });
  after(() => f.stop());

  const verify = async (holder: number, credential: IdentreeCredential, attributes: string[], policy: VerifierPolicy = {}) => {
    const nonces = new MemoryNonceStore();
    const nonce = await nonces.issue(BANK, 300);
    const presentation = await createPresentation({ holder: devAccount(holder), audience: BANK, nonce, disclose: [{ credential, attributes }] });
    return verifyPresentation({ presentation, audience: BANK, nonces, status, policy });
  };
  const codes = (v: Awaited<ReturnType<typeof verify>>) => v.reasons.map((r) => r.code);

  it('refuses a suspended holder, and accepts it again once reinstated', async () => {
    assert.deepEqual(codes(await verify(1, credentials.adult!, ['ageOver18'])), []);
    await f.as(0).suspendEntity({ entity: f.as(1).address });
    const refused = await verify(1, credentials.adult!, ['ageOver18']);
    assert.equal(refused.valid, false);
    assert.deepEqual(codes(refused), ['holder_suspended']);
    assert.match(refused.reasons[0]!.message, new RegExp(`${f.as(1).address} is suspended`));
    await f.as(0).reinstateEntity({ entity: f.as(1).address });
    assert.deepEqual(codes(await verify(1, credentials.adult!, ['ageOver18'])), []);
  });

  it('refuses a holder whose identity was revoked', async () => {
    await f.as(0).revokeEntity({ entity: f.as(4).address });
    const verdict = await verify(4, credentials.revokedHolder!, ['ageOver18']);
    assert.equal(verdict.valid, false);
    assert.ok(codes(verdict).includes('holder_revoked'), JSON.stringify(verdict.reasons));
  });

  it('refuses a credential whose issuer is suspended at verification time', async () => {
    assert.deepEqual(codes(await verify(1, credentials.curriculum!, ['program'])), []);
    await f.as(0).suspendEntity({ entity: f.as(3).address });
    const verdict = await verify(1, credentials.curriculum!, ['program']);
    assert.deepEqual(verdict.reasons.map((r) => [r.code, r.credential]), [['issuer_suspended', credentials.curriculum!.proof.uid]]);
    await f.as(0).reinstateEntity({ entity: f.as(3).address });
  });

  it('lets a policy require a disclosed value: ageOver18 disclosed as false does not satisfy ageOver18 === true', async () => {
    const policy: VerifierPolicy = { requiredValues: { ageOver18: true } };
    assert.deepEqual(codes(await verify(1, credentials.adult!, ['ageOver18'], policy)), []);
    const minor = await verify(2, credentials.minor!, ['ageOver18'], policy);
    assert.equal(minor.valid, false);
    assert.deepEqual(codes(minor), ['attribute_value_mismatch']);
    assert.match(minor.reasons[0]!.message, /"ageOver18" is disclosed as false, the policy requires true/);
    assert.deepEqual(codes(await verify(1, credentials.adult!, ['givenName'], policy)), ['attribute_missing']);
    // The credential itself shows the derived claims as booleans, whatever the leaf's spelling.
    assert.equal(credentials.minor!.credentialSubject.ageOver18, false);
    assert.equal(credentials.adult!.credentialSubject.ageOver18, true);
  });
});
