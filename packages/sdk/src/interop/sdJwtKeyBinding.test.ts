import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { devAccount } from '@identree/devchain';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { decodeJWT, verifyJWS } from 'did-jwt';
import { birth, holder, identreeCredential, issuer } from '../test/sampleCredential.js';
import { exportSdJwtVc } from './exportSdJwtVc.js';
import { presentSdJwtVc } from './presentSdJwtVc.js';
import { secp256k1PublicKeyToJwk, type Secp256k1Jwk } from './secp256k1Jwk.js';
import { sdJwtVerifierFor } from './sdJwtVerifierFor.js';
import { SdJwtPresentationError, verifySdJwtVcPresentation, type SdJwtPresentationRefusal } from './verifySdJwtVcPresentation.js';

const audience = 'https://bank.example/verify';
const nonce = 'n-4b1f2c9e';
const b64json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const boundToken = () => exportSdJwtVc(identreeCredential(birth).credential, { signer: issuer, holderPublicKey: holder.publicKey });
const refused = (reason: SdJwtPresentationRefusal) => (error: unknown) => {
  assert.ok(error instanceof SdJwtPresentationError, String(error));
  assert.equal(error.reason, reason, error.message);
  return true;
};

describe('SD-JWT VC holder binding (cnf and Key Binding JWT)', () => {
  it('names the holder key in cnf, and jose verifies both signatures with the public keys alone', async () => {
    const token = await boundToken();
    const payload = b64json(token.split('.')[1]!);
    assert.deepEqual(payload.cnf, { jwk: secp256k1PublicKeyToJwk(holder.publicKey) });

    const presentation = await presentSdJwtVc(token, { holder, disclose: ['givenName', 'birthDate'], audience, nonce });
    const parts = presentation.split('~');
    const kbJwt = parts.at(-1)!;
    // did-jwt (not our code) checks the issuer's ES256K signature and the holder's key-binding one.
    const key = (publicKeyJwk: Secp256k1Jwk) => ({ id: '#key', type: 'JsonWebKey2020', controller: 'did:example:test', publicKeyJwk });
    verifyJWS(parts[0]!, key(secp256k1PublicKeyToJwk(issuer.publicKey)));
    verifyJWS(kbJwt, key(payload.cnf.jwk));
    const { header, payload: kbPayload } = decodeJWT(kbJwt) as unknown as { header: { typ: string }; payload: Record<string, string> };
    assert.equal(header.typ, 'kb+jwt');
    assert.equal(kbPayload.aud, audience);
    assert.equal(kbPayload.nonce, nonce);
    // RFC 9901 §4.3.1: sd_hash covers the presentation up to and including the last "~".
    const presented = presentation.slice(0, presentation.length - kbJwt.length);
    assert.equal(kbPayload.sd_hash, createHash('sha256').update(presented).digest('base64url'));
    assert.throws(() => verifyJWS(kbJwt, key(secp256k1PublicKeyToJwk(devAccount(4).publicKey))), /invalid_signature/);
  });

  it('is accepted by @sd-jwt with key binding and by our strict verifier, which returns only what was disclosed', async () => {
    const presentation = await presentSdJwtVc(await boundToken(), { holder, disclose: ['givenName'], audience, nonce });
    const library = new SDJwtVcInstance({
      verifier: sdJwtVerifierFor(issuer.address),
      kbVerifier: sdJwtVerifierFor({ publicKey: holder.publicKey }),
      hasher: digest,
      hashAlg: 'sha-256',
    });
    const checked = await library.verify(presentation, { keyBindingNonce: nonce });
    assert.equal((checked.payload as Record<string, unknown>).givenName, 'Ana');
    assert.ok(checked.kb, '@sd-jwt checked the key-binding JWT');

    const { claims, disclosed } = await verifySdJwtVcPresentation(presentation, { audience, nonce });
    assert.deepEqual(disclosed, ['givenName']);
    assert.equal(claims.givenName, 'Ana');
    assert.equal(claims.birthDate, undefined);
  });

  it('refuses the wrong audience, the wrong nonce, a stale or missing key binding, and another key', async () => {
    const token = await boundToken();
    const good = await presentSdJwtVc(token, { holder, disclose: ['givenName'], audience, nonce });
    await assert.rejects(verifySdJwtVcPresentation(good, { audience: 'https://other.example', nonce }), refused('audience_mismatch'));
    await assert.rejects(verifySdJwtVcPresentation(good, { audience, nonce: 'another' }), refused('nonce_mismatch'));
    await assert.rejects(verifySdJwtVcPresentation(good, { audience, nonce, now: Math.floor(Date.now() / 1000) + 3600 }), refused('key_binding_stale'));

    const withoutKb = await new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' }).present(token, { givenName: true });
    await assert.rejects(verifySdJwtVcPresentation(withoutKb, { audience, nonce }), refused('key_binding_missing'));

    const stolen = await presentSdJwtVc(token, { holder: devAccount(4), disclose: ['givenName'], audience, nonce });
    await assert.rejects(verifySdJwtVcPresentation(stolen, { audience, nonce }), refused('key_binding_invalid'));
  });

  it('refuses a tampered, injected or repeated disclosure instead of dropping it', async () => {
    const token = await boundToken();
    const good = await presentSdJwtVc(token, { holder, disclose: ['givenName', 'birthDate'], audience, nonce });
    const parts = good.split('~');
    const [salt, name] = b64json(parts[1]!) as [string, string, string];
    const tampered = [parts[0], Buffer.from(JSON.stringify([salt, name, 'Eve'])).toString('base64url'), ...parts.slice(2)].join('~');
    await assert.rejects(verifySdJwtVcPresentation(tampered, { audience, nonce }), refused('unreferenced_disclosure'));

    const otherToken = await exportSdJwtVc(identreeCredential({ ...birth, givenName: 'Eve' }).credential, { signer: issuer, holderPublicKey: holder.publicKey });
    const foreign = otherToken.split('~')[1]!;
    const injected = [parts[0], foreign, ...parts.slice(1)].join('~');
    await assert.rejects(verifySdJwtVcPresentation(injected, { audience, nonce }), refused('unreferenced_disclosure'));

    const repeated = [parts[0], parts[1], ...parts.slice(1)].join('~');
    await assert.rejects(verifySdJwtVcPresentation(repeated, { audience, nonce }), refused('duplicate_disclosure'));
  });

  it('refuses a token that names no holder key, and a token signed by someone other than its iss', async () => {
    const unbound = await exportSdJwtVc(identreeCredential(birth).credential, { signer: issuer });
    const presentation = await presentSdJwtVc(unbound, { holder, disclose: ['givenName'], audience, nonce });
    await assert.rejects(verifySdJwtVcPresentation(presentation, { audience, nonce }), refused('no_holder_key'));

    const good = await presentSdJwtVc(await boundToken(), { holder, disclose: ['givenName'], audience, nonce });
    await assert.rejects(verifySdJwtVcPresentation(good, { audience, nonce, issuer: devAccount(4).address }), refused('issuer_signature_invalid'));
  });

  it('tells the holder which attribute names the token does not have', async () => {
    await assert.rejects(presentSdJwtVc(await boundToken(), { holder, disclose: ['salary'], audience, nonce }), /no disclosable "salary"/);
  });
});
