import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { completeCredential, draftCredential } from '../credentials/draftCredential.js';
import { InvalidParameterError } from '../errors/base.js';
import { ShareDecryptionError } from '../sharing/errors.js';
import { openCredential } from './openCredential.js';
import { sealCredential } from './sealCredential.js';

const holderKey = generatePrivateKey();
const holder = privateKeyToAccount(holderKey);
const draft = draftCredential({ type: 'ScholarCurriculum', subject: holder.address, attributes: { studentId: 'A-1', program: 'Law' } });
const credential = completeCredential({ draft, chainId: 31337, registry: `0x${'11'.repeat(20)}`, issuer: `0x${'22'.repeat(20)}`, uid: `0x${'33'.repeat(32)}` });

describe('sealCredential / openCredential', () => {
  it('seals a credential that only its holder\'s key opens, salts and SD-JWT included', () => {
    const { envelope, ciphertext } = sealCredential({ credential, sdJwt: 'eyJ.x.y~', holderPublicKey: holder.publicKey });
    assert.equal(envelope.holder, holder.address);
    assert.ok(!ciphertext.includes('Law') && !JSON.stringify(envelope).includes('Law'));
    const opened = openCredential({ envelope, ciphertext, privateKey: holderKey });
    assert.deepEqual(opened.credential, credential);
    assert.equal(opened.sdJwt, 'eyJ.x.y~');
    assert.throws(() => openCredential({ envelope, ciphertext, privateKey: generatePrivateKey() }), ShareDecryptionError);
  });

  it('fails to open a ciphertext moved under another credential\'s envelope', () => {
    const { envelope, ciphertext } = sealCredential({ credential, holderPublicKey: holder.publicKey });
    assert.throws(() => openCredential({ envelope: { ...envelope, uid: `0x${'44'.repeat(32)}` }, ciphertext, privateKey: holderKey }), ShareDecryptionError);
  });

  it('names the subject and the key it is sealed to, and refuses what is not an Identree credential', () => {
    const rotated = privateKeyToAccount(generatePrivateKey());
    const { envelope } = sealCredential({ credential, holderPublicKey: rotated.publicKey });
    assert.deepEqual([envelope.holder, envelope.key], [holder.address, rotated.address]);
    const foreign = { ...credential, credentialSubject: { id: 'did:example:123' } };
    assert.throws(() => sealCredential({ credential: foreign, holderPublicKey: holder.publicKey }), (e: unknown) => e instanceof InvalidParameterError && /credential/.test(e.message));
  });
});
