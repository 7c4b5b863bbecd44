import { isWellFormedUnicode, presentationShapeError } from './presentationSchema.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { bytesToHex, encodeAbiParameters, getAddress, keccak256, type Address, type Hash } from 'viem';
import { ATTRIBUTE_LEAF_ENCODING } from '../credentials/commitAttributes.js';
import { credentialId } from '../utils/credentialId.js';
import { byteArrayToHex } from '../utils/hexBytes.js';
import { keccakReady } from '../utils/keccak256Bytes.js';
import { disclosureLeafBytes } from './disclosureLeafHash.js';
import { disclosureProofRoot } from './disclosureProof.js';
import { presentationDigest, presentationDigestBytes, referencePresentationDigest } from './presentationDigest.js';

// The fast paths must never drift from the libraries' reference computations; these properties
// compare them over inputs as varied as the presentation schema admits.
const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bytesToHex(b) as Hash);
const address = fc.tuple(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean()).map(([b, checksummed]) => {
  const hex = bytesToHex(b) as Address;
  return checksummed ? getAddress(hex) : hex;
});
// Any code points, including lone surrogates, which both paths must encode the same way.
const text = (maxLength: number) => fc.oneof(fc.string({ unit: 'binary', maxLength }), fc.string({ unit: fc.constantFrom('a', 'é', '✓', '\uD800', '\uDFFF', '😀'), maxLength }));
const disclosure = fc.record({ name: text(64).filter((s) => s.length > 0), value: text(200), salt: hash32 });
const credential = fc.record({
  chainId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  registry: address,
  issuer: address,
  commitment: hash32,
  uid: hash32,
  type: fc.constant('BirthCertificate'),
  disclosures: fc.array(disclosure, { minLength: 1, maxLength: 5 }),
  proof: fc.constant([] as Hash[]),
  proofFlags: fc.constant([] as boolean[]),
});
const presentation = fc.record({
  audience: text(256).filter((s) => s.length > 0),
  nonce: hash32,
  issuedAt: fc.integer({ min: 0, max: 2 ** 40 }),
  expiresAt: fc.integer({ min: 0, max: 2 ** 40 }),
  credentials: fc.array(credential, { minLength: 1, maxLength: 4 }),
});

describe('presentationDigest (property)', () => {
  it('equals viem\'s hashTypedData for random presentations, with and without precomputed leaves', async () => {
    await keccakReady;
    fc.assert(
      fc.property(presentation, (p) => {
        const reference = referencePresentationDigest(p);
        assert.equal(presentationDigest(p), reference);
        const leaves = p.credentials.map((c) => c.disclosures.map(disclosureLeafBytes));
        assert.equal(byteArrayToHex(presentationDigestBytes(p, leaves)), reference);
      }),
      { numRuns: 500 },
    );
  });

  it('changes when any disclosed leaf changes', async () => {
    await keccakReady;
    fc.assert(
      fc.property(presentation, hash32, (p, otherSalt) => {
        const altered = structuredClone(p);
        fc.pre(altered.credentials[0]!.disclosures[0]!.salt !== otherSalt);
        altered.credentials[0]!.disclosures[0]!.salt = otherSalt;
        assert.notEqual(presentationDigest(altered), presentationDigest(p));
      }),
      { numRuns: 100 },
    );
  });
});

describe('credentialId (property)', () => {
  it("equals viem's keccak256(abi.encode(issuer, commitment))", async () => {
    await keccakReady;
    const reference = (issuer: Address, commitment: Hash) => keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }], [issuer, commitment]));
    fc.assert(fc.property(address, hash32, (issuer, commitment) => credentialId({ issuer, commitment }) === reference(issuer, commitment)), { numRuns: 300 });
  });
});

describe('disclosureProofRoot (property)', () => {
  it('reaches StandardMerkleTree\'s root for any subset of a credential\'s attributes, and only with the true values', async () => {
    await keccakReady;
    const attributes = fc.uniqueArray(disclosure, { minLength: 1, maxLength: 24, selector: (d) => d.name });
    fc.assert(
      fc.property(attributes, fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }), text(20), (rows, pick, forged) => {
        const tree = StandardMerkleTree.of(rows.map((d) => [d.name, d.value, d.salt]), [...ATTRIBUTE_LEAF_ENCODING]);
        const chosen = rows.map((d) => [d.name, d.value, d.salt]).filter((_, i) => pick[i]);
        fc.pre(chosen.length > 0);
        const multi = tree.getMultiProof(chosen);
        const disclosed = multi.leaves.map(([name, value, salt]) => ({ name: name!, value: value!, salt: salt as Hash }));
        const { root } = disclosureProofRoot(disclosed, multi.proof as Hash[], multi.proofFlags);
        assert.equal(root, tree.root);
        // Ill-formed strings (lone surrogates) share their UTF-8 bytes; the verifier refuses them as malformed (below).
        fc.pre(forged !== disclosed[0]!.value && isWellFormedUnicode(forged) && isWellFormedUnicode(disclosed[0]!.value));
        const altered = disclosed.map((d, i) => (i === 0 ? { ...d, value: forged } : d));
        assert.notEqual(disclosureProofRoot(altered, multi.proof as Hash[], multi.proofFlags).root, tree.root);
      }),
      { numRuns: 200 },
    );
  });
});

describe('presentationShapeError (property)', () => {
  it('refuses a disclosure whose name or value is not well-formed Unicode, and accepts one that is', () => {
    fc.assert(
      fc.property(presentation, text(20), (generated, value) => {
        const whole = { ...generated, type: 'IdentreePresentation2026', holder: '0x0000000000000000000000000000000000000001', signature: `0x${'22'.repeat(65)}` };
        const presentation = structuredClone(whole);
        presentation.credentials[0]!.disclosures[0]!.value = value;
        // The generator's own strings may be ill-formed too: only the one changed here is asked about.
        fc.pre(presentationShapeError(whole) === null);
        const error = presentationShapeError(presentation);
        if (isWellFormedUnicode(value)) assert.ok(error === null || !error.includes('well-formed'), String(error));
        else assert.match(String(error), /disclosures\/0\/value is not well-formed Unicode/);
      }),
      { numRuns: 300 },
    );
  });
});
