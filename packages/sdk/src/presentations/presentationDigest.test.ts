import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { devAccount } from '@identree/devchain';
import { recoverAddress, hexToBytes, bytesToHex } from 'viem';
import { presentationDigest, referencePresentationDigest } from './presentationDigest.js';
import { recoverSigner, nativeSignatureRecovery } from './recoverSigner.js';

const unsigned = {
  audience: 'https://bank.example',
  nonce: `0x${'ab'.repeat(32)}` as const,
  issuedAt: 1_790_000_000,
  expiresAt: 1_790_000_300,
  credentials: [
    {
      chainId: 31337, registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const, issuer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const,
      commitment: `0x${'11'.repeat(32)}` as const, uid: `0x${'22'.repeat(32)}` as const, type: 'BirthCertificate',
      disclosures: [{ name: 'ageOver18', value: 'true', salt: `0x${'33'.repeat(32)}` as const }], proof: [], proofFlags: [],
    },
  ],
};

describe('presentationDigest', () => {
  it('equals viem\'s hashTypedData for the same presentation', () => {
    assert.equal(presentationDigest(unsigned), referencePresentationDigest(unsigned));
  });
});

describe('recoverSigner', () => {
  it('recovers the signer exactly as viem does', async () => {
    const account = devAccount(3);
    const digest = presentationDigest(unsigned);
    const signature = await account.sign({ hash: digest });
    assert.equal(await recoverSigner(digest, signature), account.address);
    assert.equal(await recoverSigner(digest, signature), await recoverAddress({ hash: digest, signature }));
    assert.equal(typeof nativeSignatureRecovery, 'boolean');
  });

  it('returns null for garbage instead of throwing', async () => {
    const digest = presentationDigest(unsigned);
    assert.equal(await recoverSigner(digest, `0x${'00'.repeat(65)}`), null);
    const bad = hexToBytes(await devAccount(3).sign({ hash: digest }));
    bad[64] = 9;
    assert.equal(await recoverSigner(digest, bytesToHex(bad)), null);
  });
});
