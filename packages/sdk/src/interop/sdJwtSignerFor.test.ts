import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { devAccount } from '@identree/devchain';
import { hexToBytes } from 'viem';
import { toAccount } from 'viem/accounts';
import { InvalidParameterError } from '../errors/base.js';
import { sdJwtSignerFor } from './sdJwtSignerFor.js';

const account = devAccount(0);
/** The account's key as a JWK, for a verifier that knows nothing about Ethereum. */
const jwk = () => {
  const point = hexToBytes(account.publicKey);
  return { kty: 'EC', crv: 'secp256k1', x: Buffer.from(point.slice(1, 33)).toString('base64url'), y: Buffer.from(point.slice(33)).toString('base64url') };
};

describe('sdJwtSignerFor', () => {
  it('produces a JWS signature that OpenSSL verifies as ES256K (SHA-256, raw r || s)', async () => {
    const signingInput = `${Buffer.from('{"alg":"ES256K"}').toString('base64url')}.${Buffer.from('{"iss":"x"}').toString('base64url')}`;
    const signature = Buffer.from(await sdJwtSignerFor(account)(signingInput), 'base64url');
    assert.equal(signature.length, 64);
    const key = createPublicKey({ key: jwk(), format: 'jwk' });
    assert.equal(verify('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' }, signature), true);
    assert.equal(verify('sha256', Buffer.from(`${signingInput}x`), { key, dsaEncoding: 'ieee-p1363' }, signature), false);
  });

  it('refuses an account that cannot sign a raw hash', () => {
    const messageOnly = toAccount({
      address: account.address,
      signMessage: account.signMessage,
      signTransaction: account.signTransaction,
      signTypedData: account.signTypedData,
    });
    assert.throws(() => sdJwtSignerFor(messageOnly), InvalidParameterError);
  });
});
