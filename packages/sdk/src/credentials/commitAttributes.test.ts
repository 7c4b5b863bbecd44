import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { concat, encodeAbiParameters, keccak256, type Hex } from 'viem';
import { ATTRIBUTE_LEAF_ENCODING, commitAttributes } from './commitAttributes.js';
import { InvalidParameterError } from '../errors/base.js';

/** The leaf a Solidity verifier computes: keccak256(bytes.concat(keccak256(abi.encode(name, value, salt)))). */
const leafOf = (a: { name: string; value: string; salt: Hex }) =>
  keccak256(keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'string' }, { type: 'bytes32' }], [a.name, a.value, a.salt])));
/** OpenZeppelin's MerkleProof.processProof: commutative keccak of sorted pairs. */
const processProof = (leaf: Hex, proof: Hex[]) =>
  proof.reduce<Hex>((node, sibling) => keccak256(BigInt(node) < BigInt(sibling) ? concat([node, sibling]) : concat([sibling, node])), leaf);

describe('commitAttributes', () => {
  const birth = { givenName: 'Ana', familyName: 'Silva', birthDate: '2001-05-04', birthPlace: 'Lisboa' };

  it('gives every attribute its own 32-byte salt', () => {
    const { attributes } = commitAttributes(birth);
    assert.deepEqual(attributes.map((a) => [a.name, a.value]), Object.entries(birth));
    for (const a of attributes) assert.match(a.salt, /^0x[0-9a-f]{64}$/);
    assert.equal(new Set(attributes.map((a) => a.salt)).size, attributes.length);
  });

  it('commits to a 32-byte root that the tree reproduces', () => {
    const { commitment, tree } = commitAttributes(birth);
    assert.match(commitment, /^0x[0-9a-f]{64}$/);
    assert.equal(tree.root, commitment);
    assert.deepEqual(tree.dump().leafEncoding, [...ATTRIBUTE_LEAF_ENCODING]);
    tree.validate();
  });

  it('gives the same value in two commitments different leaves and roots', () => {
    const first = commitAttributes({ givenName: 'Ana' });
    const second = commitAttributes({ givenName: 'Ana' });
    const [a] = first.attributes;
    const [b] = second.attributes;
    assert.equal(a!.value, b!.value);
    assert.notEqual(a!.salt, b!.salt);
    assert.notEqual(leafOf(a!), leafOf(b!));
    assert.notEqual(first.commitment, second.commitment);
    // With a single leaf the root is the leaf itself.
    assert.equal(first.commitment, leafOf(a!));
  });

  it('proves every attribute against the root, and nothing altered', () => {
    const { commitment, attributes, tree } = commitAttributes(birth);
    for (const a of attributes) {
      const leaf: [string, string, string] = [a.name, a.value, a.salt];
      const proof = tree.getProof(leaf) as Hex[];
      assert.equal(tree.leafHash(leaf), leafOf(a));
      assert.ok(tree.verify(leaf, proof));
      assert.ok(StandardMerkleTree.verify(commitment, [...ATTRIBUTE_LEAF_ENCODING], leaf, proof));
      // What a contract using OpenZeppelin's MerkleProof would compute.
      assert.equal(processProof(leafOf(a), proof), commitment);
      assert.equal(StandardMerkleTree.verify(commitment, [...ATTRIBUTE_LEAF_ENCODING], [a.name, `${a.value}!`, a.salt], proof), false);
    }
    const [given, family] = attributes;
    // A salt does not move to another attribute.
    assert.equal(tree.verify([given!.name, given!.value, family!.salt], tree.getProof([given!.name, given!.value, given!.salt])), false);
  });

  it('stores numbers and booleans as their string form', () => {
    const { attributes } = commitAttributes({ age: 42, adult: true, enrolled: false });
    assert.deepEqual(attributes.map((a) => a.value), ['42', 'true', 'false']);
  });

  it('rejects an empty attribute set and empty names', () => {
    assert.throws(() => commitAttributes({}), (e: unknown) => {
      assert.ok(e instanceof InvalidParameterError);
      assert.equal(e.parameter, 'attributes');
      assert.match(e.shortMessage, /at least one attribute/);
      return true;
    });
    assert.throws(() => commitAttributes({ '': 'x' }), InvalidParameterError);
  });
});
