import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { createWalletClient, custom, keccak256, stringToHex, type Hash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { commitCorrectedText, correctionOpens } from './commitCorrectedText.js';
import { recoverFieldConfirmation } from './recoverFieldConfirmation.js';
import { signFieldConfirmation } from './signFieldConfirmation.js';

const h = (label: string): Hash => keccak256(stringToHex(label));

describe('commitCorrectedText', () => {
  it('is SHA-256 over its tag, the salt and the UTF-8 text, as node:crypto computes it', () => {
    const { textHash, salt } = commitCorrectedText('NGUYỄN VĂN ANH');
    const expected = createHash('sha256')
      .update('identree/enrollment/correction/v1\0')
      .update(Buffer.from(salt.slice(2), 'hex'))
      .update('NGUYỄN VĂN ANH', 'utf8')
      .digest('hex');
    assert.equal(textHash, `0x${expected}`);
  });

  it('draws a fresh salt each time, so a low-entropy correction cannot be looked up by its hash', () => {
    const [a, b] = [commitCorrectedText('F'), commitCorrectedText('F')];
    assert.notEqual(a.salt, b.salt);
    assert.notEqual(a.textHash, b.textHash);
    assert.notEqual(a.textHash, keccak256(stringToHex('F')));
    assert.equal(commitCorrectedText('F', a.salt).textHash, a.textHash);
  });

  it('opens only with its own text and salt', () => {
    const c = commitCorrectedText('M');
    assert.equal(correctionOpens(c.textHash, { text: 'M', salt: c.salt }), true);
    assert.equal(correctionOpens(c.textHash, { text: 'F', salt: c.salt }), false);
    assert.equal(correctionOpens(c.textHash, { text: 'M', salt: h('another salt') }), false);
    assert.equal(correctionOpens(c.textHash, { text: 'M', salt: '0x1234' }), false, 'a short salt is no opening');
  });
});

describe('signFieldConfirmation with correctedText', () => {
  const verifier = privateKeyToAccount(h('correcting verifier'));
  const enrollmentRegistry = '0x00000000000000000000000000000000000e0001';
  // Signing needs only the chain id: no node.
  const client = createWalletClient({ account: verifier, transport: custom({ request: async ({ method }) => (method === 'eth_chainId' ? '0x7a69' : null) }) });
  const task = { enrollmentRegistry, enrollment: h('enrollment'), field: 2, slot: 1, fieldHash: h('crop'), committedTextHash: h('ocr text') } as const;

  it('signs over a salted commitment and hands back its opening, separately from what goes on chain', async () => {
    const answer = await signFieldConfirmation(client, { ...task, correctedText: 'F' });
    assert.equal(answer.agrees, false);
    assert.deepEqual(Object.keys(answer).sort(), ['agrees', 'correction', 'field', 'r', 'slot', 'textHash', 'vs']);
    assert.equal(answer.correction?.text, 'F');
    assert.equal(correctionOpens(answer.textHash, answer.correction!), true);
    const { correction: _, ...confirmation } = answer;
    assert.equal(await recoverFieldConfirmation({ ...task, chainId: 31337, confirmation, verifier: verifier.address }), true);
  });

  it('carries no opening when it confirms, and refuses both kinds of correction at once', async () => {
    const answer = await signFieldConfirmation(client, task);
    assert.equal(answer.agrees, true);
    assert.equal('correction' in answer, false);
    await assert.rejects(signFieldConfirmation(client, { ...task, correctedText: 'F', correctedTextHash: h('F') }), /not both/);
  });
});
