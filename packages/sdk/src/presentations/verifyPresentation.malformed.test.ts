import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryNonceStore } from './nonceStore.js';
import { credentialId } from '../utils/credentialId.js';
import { verifyPresentation } from './verifyPresentation.js';

describe('verifyPresentation with a malformed multiproof', () => {
  it('answers proof_malformed, not an exception, when the flags fit the counts but not the proof', async () => {
    const issuer = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266' as const;
    const commitment = `0x${'11'.repeat(32)}` as const;
    const presentation = {
      type: 'IdentreePresentation2026', holder: issuer, audience: 'bank.example', nonce: `0x${'ab'.repeat(32)}`,
      issuedAt: 1_790_000_000, expiresAt: 1_790_000_300, signature: `0x${'00'.repeat(65)}`,
      credentials: [{
        chainId: 1, registry: issuer, issuer, commitment, uid: credentialId({ issuer, commitment }), type: 'BirthCertificate',
        // 1 leaf + 1 node - 1 = 1 flag, as the count check wants; but `true` asks for a second leaf.
        disclosures: [{ name: 'ageOver18', value: 'true', salt: commitment }], proof: [commitment], proofFlags: [true],
      }],
    };
    const verdict = await verifyPresentation({
      presentation, audience: 'bank.example', nonces: new MemoryNonceStore(),
      status: { trusts: () => true, getStatus: async () => assert.fail('status must not be read for a malformed proof'), currentKey: async () => assert.fail('keys must not be read for a malformed proof'), entityStatus: async () => assert.fail('standing must not be read for a malformed proof'), compromise: async () => assert.fail('reports must not be read for a malformed proof'), anchorTime: async () => assert.fail('anchors must not be read for a malformed proof') },
      now: new Date(1_790_000_100_000),
    });
    assert.deepEqual(verdict.reasons.map((r) => r.code), ['proof_malformed']);
  });

  it('answers malformed, naming the field, for an address with a bad EIP-55 checksum', async () => {
    // 0xF39F… with its last letter's case flipped: valid hex, wrong checksum.
    const issuer = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267' as const;
    const holder = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const;
    const commitment = `0x${'11'.repeat(32)}` as const;
    const presentation = {
      type: 'IdentreePresentation2026', holder, audience: 'bank.example', nonce: `0x${'ab'.repeat(32)}`,
      issuedAt: 1_790_000_000, expiresAt: 1_790_000_300, signature: `0x${'00'.repeat(65)}`,
      credentials: [{
        chainId: 1, registry: holder, issuer, commitment, uid: credentialId({ issuer: issuer.toLowerCase() as `0x${string}`, commitment }), type: 'BirthCertificate',
        disclosures: [{ name: 'ageOver18', value: 'true', salt: commitment }], proof: [], proofFlags: [],
      }],
    };
    const verdict = await verifyPresentation({
      presentation, audience: 'bank.example', nonces: new MemoryNonceStore(),
      status: { trusts: () => true, getStatus: async () => assert.fail('status must not be read for a malformed presentation'), currentKey: async () => assert.fail('keys must not be read for a malformed presentation'), entityStatus: async () => assert.fail('standing must not be read for a malformed presentation'), compromise: async () => assert.fail('reports must not be read for a malformed presentation'), anchorTime: async () => assert.fail('anchors must not be read for a malformed presentation') },
      now: new Date(1_790_000_100_000),
    });
    assert.equal(verdict.valid, false);
    assert.deepEqual(verdict.reasons.map((r) => [r.code, r.message]), [['malformed', 'credentials[0].issuer: bad EIP-55 checksum']]);
  });
});
