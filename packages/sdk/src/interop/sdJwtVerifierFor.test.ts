import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { devAccount } from '@identree/devchain';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { digest } from '@sd-jwt/crypto-nodejs';
import { InvalidParameterError } from '../errors/base.js';
import { sdJwtSignerFor } from './sdJwtSignerFor.js';
import { sdJwtVerifierFor } from './sdJwtVerifierFor.js';

const issuer = devAccount(0);
const other = devAccount(1);
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** A signed SD-JWT VC, split into what @sd-jwt hands a verifier: signing input and signature. */
async function signed(signAlg = 'ES256K', account = issuer) {
  const sdjwt = new SDJwtVcInstance({ signer: sdJwtSignerFor(account), signAlg, hasher: digest, saltGenerator: () => 'salt' });
  const jwt = (await sdjwt.issue({ iss: 'did:example:issuer', vct: 'https://identree.dev/vct/Test', iat: 1 })).split('~')[0]!;
  return { data: jwt.slice(0, jwt.lastIndexOf('.')), signature: jwt.slice(jwt.lastIndexOf('.') + 1) };
}

describe('sdJwtVerifierFor', () => {
  it("accepts the issuer's signature by address (key recovery) and by public key", async () => {
    const { data, signature } = await signed();
    assert.equal(await sdJwtVerifierFor(issuer.address)(data, signature), true);
    assert.equal(await sdJwtVerifierFor(issuer.address.toLowerCase() as never)(data, signature), true);
    assert.equal(await sdJwtVerifierFor({ publicKey: issuer.publicKey })(data, signature), true);
  });

  it('rejects a signature by any other key', async () => {
    const { data, signature } = await signed('ES256K', other);
    assert.equal(await sdJwtVerifierFor(issuer.address)(data, signature), false);
    assert.equal(await sdJwtVerifierFor({ publicKey: issuer.publicKey })(data, signature), false);
  });

  it('rejects a signature over different data', async () => {
    const { data, signature } = await signed();
    assert.equal(await sdJwtVerifierFor(issuer.address)(`${data}A`, signature), false);
  });

  it('rejects the high-S twin of a valid signature', async () => {
    const { data, signature } = await signed();
    const bytes = Buffer.from(signature, 'base64url');
    const highS = SECP256K1_N - BigInt(`0x${bytes.subarray(32).toString('hex')}`);
    const twin = Buffer.concat([bytes.subarray(0, 32), Buffer.from(highS.toString(16).padStart(64, '0'), 'hex')]).toString('base64url');
    assert.equal(await sdJwtVerifierFor(issuer.address)(data, twin), false);
    assert.equal(await sdJwtVerifierFor({ publicKey: issuer.publicKey })(data, twin), false);
  });

  it('rejects a header that names an algorithm other than ES256K', async () => {
    const { data, signature } = await signed('ES256');
    assert.equal(await sdJwtVerifierFor(issuer.address)(data, signature), false);
  });

  it('answers false, without throwing, for a malformed signature or signing input', async () => {
    const { data, signature } = await signed();
    const verifier = sdJwtVerifierFor(issuer.address);
    for (const [d, s] of [
      [data, signature.slice(0, -2)],
      [data, `${signature}==`],
      [data, `${signature.slice(0, 10)}!${signature.slice(10)}`],
      [data, Buffer.alloc(64).toString('base64url')],
      ['not-a-jws', signature],
      ['', ''],
    ]) {
      assert.equal(await verifier(d!, s!), false, `${d} / ${s}`);
    }
  });

  it('refuses to build a verifier for something that is not an address or a key', () => {
    assert.throws(() => sdJwtVerifierFor('0x1234'), InvalidParameterError);
    assert.throws(() => sdJwtVerifierFor({ publicKey: 'nope' as never }), InvalidParameterError);
  });
});
