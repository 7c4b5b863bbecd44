import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { devAccount } from '@identree/devchain';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { bytesToHex, getAddress, type Address, type Hex } from 'viem';
import { ATTRIBUTE_LEAF_ENCODING } from '../credentials/commitAttributes.js';
import { parseIdentreeDid } from '../did/parseIdentreeDid.js';
import { toIdentreeDid } from '../did/toIdentreeDid.js';
import { InvalidParameterError } from '../errors/base.js';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { CredentialType } from '../types.js';
import { credentialId } from '../utils/credentialId.js';
import { exportSdJwtVc, IDENTREE_ANCHOR_CLAIM, type IdentreeSdJwtAnchor } from './exportSdJwtVc.js';
import { sdJwtVerifierFor } from './sdJwtVerifierFor.js';
import { birth, CHAIN_ID, holder, identreeCredential, issuer } from '../test/sampleCredential.js';

const verifierOf = (address: Address) => new SDJwtVcInstance({ verifier: sdJwtVerifierFor(address), hasher: digest, hashAlg: 'sha-256' });
const holderInstance = () => new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' });
const b64json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
/** Disclosures of a compact SD-JWT as [salt, name, value], read without @sd-jwt. */
const disclosuresOf = (token: string) => token.split('~').slice(1, -1).map((d) => b64json(d) as [string, string, string]);
const saltHex = (salt: string): Hex => bytesToHex(Buffer.from(salt, 'base64url'));

describe('exportSdJwtVc', () => {
  it('is accepted by @sd-jwt/sd-jwt-vc verify, which returns every attribute as issued', async () => {
    const { credential } = identreeCredential(birth, { validUntil: '2099-01-01T00:00:00.000Z' });
    const token = await exportSdJwtVc(credential, { signer: issuer });
    const { payload, header } = await verifierOf(issuer.address).verify(token);
    const { id, ...attributes } = credential.credentialSubject;
    for (const [name, value] of Object.entries(attributes)) assert.equal(payload[name], value, name);
    assert.deepEqual(
      { iss: payload.iss, sub: payload.sub, jti: payload.jti, vct: payload.vct, iat: payload.iat, exp: payload.exp },
      {
        iss: credential.issuer,
        sub: id,
        jti: credential.id,
        vct: 'https://identree.dev/vct/BirthCertificate',
        iat: Date.parse('2026-01-15T10:00:00Z') / 1000,
        exp: Date.parse('2099-01-01T00:00:00Z') / 1000,
      },
    );
    assert.deepEqual(header, { typ: 'dc+sd-jwt', alg: 'ES256K', kid: `${credential.issuer}#controller` });
  });

  it('makes every attribute selectively disclosable and nothing else', async () => {
    const { credential } = identreeCredential(birth);
    const token = await exportSdJwtVc(credential, { signer: issuer });
    assert.deepEqual(disclosuresOf(token).map(([, name]) => name).sort(), Object.keys(birth).sort());
    const signed = b64json(token.split('.')[1]!);
    for (const [name, value] of Object.entries(birth)) {
      assert.equal(signed[name], undefined, `${name} is in the clear`);
      assert.ok(!JSON.stringify(signed).includes(JSON.stringify(value)), `${value} leaks into the signed payload`);
    }
    assert.equal(signed._sd.length, Object.keys(birth).length);
    assert.equal(signed.exp, undefined, 'no validUntil, no exp');
  });

  it('uses the Identree salts as the disclosure salts, so a disclosure is also the anchored Merkle leaf', async () => {
    const { credential, tree } = identreeCredential(birth);
    const token = await exportSdJwtVc(credential, { signer: issuer });
    for (const [salt, name, value] of disclosuresOf(token)) {
      assert.equal(saltHex(salt), credential.proof.salts[name], name);
      const leaf: [string, string, string] = [name, value, saltHex(salt)];
      const proof = tree.getProof([...tree.entries()].find(([, v]) => v[0] === name)![0]);
      assert.ok(StandardMerkleTree.verify(credential.proof.commitment, [...ATTRIBUTE_LEAF_ENCODING], leaf, proof), name);
    }
  });

  it('keeps the salts right for attribute names that JavaScript orders before the others', async () => {
    const { credential } = identreeCredential({ zeta: 'z', '2': 'two', alpha: 'a', '1': 'one' });
    const token = await exportSdJwtVc(credential, { signer: issuer });
    for (const [salt, name] of disclosuresOf(token)) assert.equal(saltHex(salt), credential.proof.salts[name], name);
  });

  it('lets the holder disclose a subset that still verifies', async () => {
    const { credential } = identreeCredential(birth);
    const token = await exportSdJwtVc(credential, { signer: issuer });
    const presentation = await holderInstance().present(token, { birthDate: true });
    const { payload } = await verifierOf(issuer.address).verify(presentation);
    assert.equal(payload.birthDate, '2001-05-04');
    for (const name of Object.keys(birth).filter((n) => n !== 'birthDate')) assert.equal(payload[name], undefined, name);
    assert.equal((payload[IDENTREE_ANCHOR_CLAIM] as IdentreeSdJwtAnchor).uid, credential.proof.uid);
  });

  it('never yields an altered disclosure value, and verify rejects it once the attribute is required', async () => {
    const { credential } = identreeCredential(birth);
    const token = await exportSdJwtVc(credential, { signer: issuer });
    const [jwt, ...rest] = token.split('~');
    const tampered = [
      jwt,
      ...rest.map((d) => {
        if (!d) return d;
        const [salt, name, value] = b64json(d);
        return Buffer.from(JSON.stringify([salt, name, name === 'birthDate' ? '1990-01-01' : value])).toString('base64url');
      }),
    ].join('~');
    const verifier = verifierOf(issuer.address);
    // @sd-jwt 0.19 drops a disclosure no digest refers to instead of failing (RFC 9901 §7.1 says reject),
    // so the forged value can never come out, but only a verifier that requires the claim gets an error.
    const { payload } = await verifier.verify(tampered);
    assert.equal(payload.birthDate, undefined);
    await assert.rejects(verifier.verify(tampered, { requiredClaimKeys: ['birthDate'] }), /Missing required claim keys: birthDate/);
  });

  it('rejects a token whose always-visible claims were altered', async () => {
    const { credential } = identreeCredential(birth);
    const token = await exportSdJwtVc(credential, { signer: issuer });
    const [header, payload, signature] = token.split('~')[0]!.split('.') as [string, string, string];
    const forged = { ...b64json(payload), sub: toIdentreeDid({ chainId: CHAIN_ID, address: devAccount(7).address }) };
    const tampered = token.replace(`${header}.${payload}.${signature}`, `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`);
    await assert.rejects(verifierOf(issuer.address).verify(tampered), /Invalid JWT Signature/);
  });

  it("rejects a token signed by anyone but the issuer the verifier expects", async () => {
    const impostor = devAccount(5);
    const { credential } = identreeCredential(birth, { by: impostor });
    const token = await exportSdJwtVc(credential, { signer: impostor });
    await verifierOf(impostor.address).verify(token);
    await assert.rejects(verifierOf(issuer.address).verify(token), /Invalid JWT Signature/);
  });

  it('refuses to sign with a key that is not the credential issuer', async () => {
    const { credential } = identreeCredential(birth);
    await assert.rejects(exportSdJwtVc(credential, { signer: devAccount(5) }), (e: unknown) => {
      assert.ok(e instanceof InvalidParameterError);
      assert.equal(e.shortMessage, `Invalid parameter "signer": ${devAccount(5).address} is not the credential's issuer (${credential.issuer})`);
      return true;
    });
  });

  it('refuses attributes that would shadow a registered claim, or that have no salt', async () => {
    const { credential } = identreeCredential({ ...birth, iss: 'did:example:evil' });
    await assert.rejects(exportSdJwtVc(credential, { signer: issuer }), /attribute "iss" would shadow the registered claim/);
    const unsalted = identreeCredential(birth).credential;
    delete unsalted.proof.salts.sex;
    await assert.rejects(exportSdJwtVc(unsalted, { signer: issuer }), /attribute "sex" has no 32-byte salt/);
  });

  it('expires with the credential', async () => {
    const { credential } = identreeCredential(birth, { validUntil: '2027-01-01T00:00:00.000Z' });
    const token = await exportSdJwtVc(credential, { signer: issuer });
    const verifier = verifierOf(issuer.address);
    await verifier.verify(token, { currentDate: Date.parse('2026-12-31T23:59:59Z') / 1000 });
    await assert.rejects(verifier.verify(token, { currentDate: Date.parse('2027-01-01T00:00:01Z') / 1000 }), /expired/);
  });
});

describe('exportSdJwtVc with an anchored credential', () => {
  let f: RegistryFixture;
  before(async () => (f = await registryFixture()));
  after(() => f.stop());

  it('carries an anchor that a verifier can check against the registry', async () => {
    const gov = f.as(0);
    await gov.registerEntity({ entity: holder.address, kind: 'Person' });
    const { credential } = identreeCredential(birth, { registry: f.registry });
    await gov.anchorCredential({ subject: holder.address, credentialType: CredentialType.BirthCertificate, commitment: credential.proof.commitment });
    const token = await exportSdJwtVc(credential, { signer: issuer });

    // What a verifier holding only the token does: check the signature against the issuer DID's
    // address, then look the anchor up on the chain it names.
    const issuerAddress = parseIdentreeDid(b64json(token.split('.')[1]!).iss).address;
    const { payload } = await verifierOf(issuerAddress).verify(token);
    const anchor = payload[IDENTREE_ANCHOR_CLAIM] as IdentreeSdJwtAnchor;
    assert.deepEqual([anchor.chainId, anchor.registry], [f.chain.chain.id, getAddress(f.registry)]);
    assert.equal(credentialId({ issuer: issuerAddress, commitment: anchor.commitment }), anchor.uid);
    assert.equal(await gov.isCredentialValid({ uid: anchor.uid }), true);
    assert.equal((await gov.getCredential({ uid: anchor.uid }))?.subject, parseIdentreeDid(payload.sub!).address);
  });
});
