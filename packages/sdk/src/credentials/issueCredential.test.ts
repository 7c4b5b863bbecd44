import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { issueCredential } from './issueCredential.js';
import { AttributeSchemaError, UnknownCredentialTypeError } from './errors.js';
import { deriveAgeClaims } from './derivedClaims.js';
import { credentialId } from '../utils/credentialId.js';

const birth = { givenName: 'Ana', fatherLastName: 'Ruiz', birthDate: '2001-05-04', sex: 'F', municipality: 'Zapopan', state: 'Jalisco' };

describe('issueCredential', () => {
  let f: RegistryFixture;
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(1).address, kind: 'Person' });
  });
  after(() => f.stop());

  it('returns a W3C VC 2.0 document with every salt and the chain reference', async () => {
    const vc = await issueCredential(f.as(0), { registry: f.registry, type: 'BirthCertificate', subject: f.as(1).address, attributes: birth, issuedAt: new Date('2026-01-01') });
    assert.equal(vc['@context'][0], 'https://www.w3.org/ns/credentials/v2');
    assert.deepEqual(vc.type, ['VerifiableCredential', 'BirthCertificate']);
    assert.equal(vc.issuer, `did:identree:${f.chain.chain.id}:${f.as(0).address}`);
    assert.equal(vc.credentialSubject.id, `did:identree:${f.chain.chain.id}:${f.as(1).address}`);
    assert.equal(vc.credentialSubject.ageOver18, true);
    assert.equal(vc.credentialSubject.ageOver21, true);
    const { id: _, ...attributes } = vc.credentialSubject;
    assert.deepEqual(Object.keys(vc.proof.salts).sort(), Object.keys(attributes).sort());
    assert.equal(vc.proof.uid, credentialId({ issuer: f.as(0).address, commitment: vc.proof.commitment }));
    const onChain = await f.as(0).getCredential({ uid: vc.proof.uid });
    assert.equal(onChain?.commitment, vc.proof.commitment);
    assert.equal(onChain?.level, 'GovernmentCertified');
  });

  it('names every attribute that fails its schema, and sends nothing', async () => {
    const gov = f.as(0);
    const nonce = await gov.getTransactionCount({ address: gov.address });
    await assert.rejects(
      issueCredential(gov, { registry: f.registry, type: 'BirthCertificate', subject: f.as(1).address, attributes: { ...birth, birthDate: '04/05/2001', sex: 'Q', extra: 'x' } as never }),
      (e: unknown) => {
        assert.ok(e instanceof AttributeSchemaError);
        const named = e.problems.map((p) => p.attribute).sort();
        assert.deepEqual(named, ['birthDate', 'extra', 'sex']);
        assert.match(e.shortMessage, /birthDate/);
        return true;
      },
    );
    await assert.rejects(
      issueCredential(gov, { registry: f.registry, type: 'BirthCertificate', subject: f.as(1).address, attributes: { givenName: 'Ana' } as never }),
      (e: unknown) => e instanceof AttributeSchemaError && e.problems.some((p) => p.attribute === 'birthDate'),
    );
    assert.equal(await gov.getTransactionCount({ address: gov.address }), nonce);
  });

  it('rejects an unknown credential type', async () => {
    await assert.rejects(
      issueCredential(f.as(0), { registry: f.registry, type: 'Wizardry', subject: f.as(1).address, attributes: { level: 9 } }),
      UnknownCredentialTypeError,
    );
  });

  it('issues types without their own schema through the generic one', async () => {
    const vc = await issueCredential(f.as(0), { registry: f.registry, type: 'Passport', schema: 'Generic', subject: f.as(1).address, attributes: { passportNumber: 'G123', pages: 32 } });
    assert.equal(vc.credentialSubject.pages, '32');
    assert.equal(vc.credentialSchema.id, 'https://identree.dev/schemas/Generic.json');
    await assert.rejects(
      issueCredential(f.as(0), { registry: f.registry, type: 'Passport', schema: 'Generic', subject: f.as(1).address, attributes: {} }),
      AttributeSchemaError,
    );
    // A refused attribute name is named once, as the attribute, not as "(attributes)".
    await assert.rejects(
      issueCredential(f.as(0), { registry: f.registry, type: 'Passport', schema: 'Generic', subject: f.as(1).address, attributes: { id: 'x', '1st': 'y', ok: 'z' } }),
      (e: unknown) => {
        assert.ok(e instanceof AttributeSchemaError);
        assert.deepEqual(e.problems, [
          { attribute: 'id', message: 'is not an allowed attribute name' },
          { attribute: '1st', message: 'is not an allowed attribute name (must match pattern "^[A-Za-z][A-Za-z0-9_]{0,63}$")' },
        ]);
        return true;
      },
    );
  });
});

describe('deriveAgeClaims', () => {
  it('turns 18 exactly on the birthday, in UTC', () => {
    assert.deepEqual(deriveAgeClaims('2008-03-10', new Date('2026-03-09T23:59:59Z')), { ageOver18: 'false', ageOver21: 'false' });
    assert.deepEqual(deriveAgeClaims('2008-03-10', new Date('2026-03-10T00:00:00Z')), { ageOver18: 'true', ageOver21: 'false' });
  });
});
