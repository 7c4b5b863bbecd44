import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Hash, Hex } from 'viem';
import { rejectsWith } from '../test/assertions.js';
import { InvalidParameterError } from '../errors/base.js';
import { sealDisclosures } from './sealDisclosures.js';
import { openDisclosures } from './openDisclosures.js';
import { addShareRecipient } from './addShareRecipient.js';
import { removeShareRecipient } from './removeShareRecipient.js';
import { ShareDecryptionError, ShareEnvelopeInvalidError, ShareIntegrityError, ShareRecipientNotFoundError } from './errors.js';
import { ciphertextCid, toBase64url } from './shareCrypto.js';

const party = () => {
  const privateKey = generatePrivateKey();
  return { privateKey, ...privateKeyToAccount(privateKey) };
};
const holder = party();
const bank = party();
const insurer = party();
const stranger = party();
const uid = `0x${'ab'.repeat(32)}` as Hash;
const disclosures = [
  { name: 'ageOver18', value: 'true', salt: `0x${'01'.repeat(32)}` as Hex },
  { name: 'municipality', value: 'Zapopan', salt: `0x${'02'.repeat(32)}` as Hex },
];
const sync = (f: () => unknown) => Promise.resolve().then(f);

describe('sealDisclosures and openDisclosures', () => {
  it('lets each named verifier decrypt the disclosures', () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey, insurer.publicKey] });
    assert.deepEqual(envelope.recipients.map((r) => r.verifier), [bank.address, insurer.address]);
    assert.equal(envelope.cid, ciphertextCid(ciphertext));
    assert.match(envelope.cid, /^bafkrei/);
    for (const verifier of [bank, insurer]) {
      assert.deepEqual(openDisclosures({ envelope, ciphertext, privateKey: verifier.privateKey }), { holder: holder.address, uid, disclosures });
    }
  });

  it('never puts the plaintext in the ciphertext or the envelope', () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    assert.ok(!Buffer.from(ciphertext).toString('latin1').includes('Zapopan'));
    assert.ok(!JSON.stringify(envelope).includes('Zapopan'));
  });

  it('refuses a key that was not shared to, as ShareRecipientNotFoundError', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    await rejectsWith(sync(() => openDisclosures({ envelope, ciphertext, privateKey: stranger.privateKey })), ShareRecipientNotFoundError);
  });

  it('refuses another key presented under a recipient\'s name, as ShareDecryptionError', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    // The stranger relabels the bank's wrapped key as its own: ECIES authentication fails.
    const relabelled = { ...envelope, recipients: [{ verifier: stranger.address, wrappedKey: envelope.recipients[0]!.wrappedKey }] };
    await rejectsWith(sync(() => openDisclosures({ envelope: relabelled, ciphertext, privateKey: stranger.privateKey })), ShareDecryptionError);
  });

  it('detects a swapped ciphertext by its CID, as ShareIntegrityError', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    const tampered = Uint8Array.from(ciphertext);
    tampered[3] ^= 0x01;
    await rejectsWith(sync(() => openDisclosures({ envelope, ciphertext: tampered, privateKey: bank.privateKey })), ShareIntegrityError, (e) => {
      assert.equal(e.expectedCid, envelope.cid);
    });
  });

  it('detects a tampered ciphertext even when the CID is recomputed, as ShareDecryptionError', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    const tampered = Uint8Array.from(ciphertext);
    tampered[0] ^= 0x80;
    await rejectsWith(sync(() => openDisclosures({ envelope: { ...envelope, cid: ciphertextCid(tampered) }, ciphertext: tampered, privateKey: bank.privateKey })), ShareDecryptionError);
  });

  it('binds the ciphertext to its holder and credential', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    await rejectsWith(sync(() => openDisclosures({ envelope: { ...envelope, holder: stranger.address }, ciphertext, privateKey: bank.privateKey })), ShareDecryptionError);
    await rejectsWith(sync(() => openDisclosures({ envelope: { ...envelope, uid: `0x${'cd'.repeat(32)}` }, ciphertext, privateKey: bank.privateKey })), ShareDecryptionError);
  });

  it('detects a tampered wrapped key, as ShareDecryptionError', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    const wrapped = Buffer.from(envelope.recipients[0]!.wrappedKey, 'base64url');
    wrapped[wrapped.length - 1]! ^= 0x01;
    const altered = { ...envelope, recipients: [{ verifier: bank.address, wrappedKey: toBase64url(wrapped) }] };
    await rejectsWith(sync(() => openDisclosures({ envelope: altered, ciphertext, privateKey: bank.privateKey })), ShareDecryptionError);
  });

  it('refuses an envelope of another version, naming the field', async () => {
    const { envelope, ciphertext } = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [bank.publicKey] });
    await rejectsWith(sync(() => openDisclosures({ envelope: { ...envelope, version: 2 as 1 }, ciphertext, privateKey: bank.privateKey })), ShareEnvelopeInvalidError, (e) => {
      assert.equal(e.field, 'version');
    });
  });

  it('refuses bad input before encrypting anything', async () => {
    await rejectsWith(sync(() => sealDisclosures({ holder: holder.address, uid, disclosures: [], recipients: [bank.publicKey] })), InvalidParameterError);
    await rejectsWith(sync(() => sealDisclosures({ holder: holder.address, uid, disclosures, recipients: ['0x04' + '00'.repeat(64) as Hex] })), InvalidParameterError, (e) => {
      assert.equal(e.parameter, 'recipients.publicKey');
    });
  });

  it('adds a verifier by re-wrapping the key, and revokes one by removing its wrapped key', async () => {
    const sealed = sealDisclosures({ holder: holder.address, uid, disclosures, recipients: [holder.publicKey, bank.publicKey] });
    const { ciphertext } = sealed;
    const byDataKey = addShareRecipient({ envelope: sealed.envelope, dataKey: sealed.dataKey, publicKey: insurer.publicKey });
    const byHolderKey = addShareRecipient({ envelope: sealed.envelope, privateKey: holder.privateKey, publicKey: insurer.publicKey });
    for (const envelope of [byDataKey, byHolderKey]) {
      assert.equal(envelope.cid, sealed.envelope.cid);
      assert.deepEqual(openDisclosures({ envelope, ciphertext, privateKey: insurer.privateKey }).disclosures, disclosures);
    }
    const revoked = removeShareRecipient({ envelope: byDataKey, verifier: bank.address });
    await rejectsWith(sync(() => openDisclosures({ envelope: revoked, ciphertext, privateKey: bank.privateKey })), ShareRecipientNotFoundError);
    assert.deepEqual(openDisclosures({ envelope: revoked, ciphertext, privateKey: insurer.privateKey }).disclosures, disclosures);
  });
});
