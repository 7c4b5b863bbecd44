import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Address } from 'viem';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { rejectsWith } from '../test/assertions.js';
import { InvalidParameterError } from '../errors/base.js';
import {
  FaceTemplateAlreadyEnrolledError,
  FaceTemplateIdentityInactiveError,
  FaceTemplateSignatureInvalidError,
  FaceTemplateVersionNotIncreasingError,
} from '../errors/faceTemplateRegistry.js';
import { commitFaceTemplate } from './commitFaceTemplate.js';
import { deployFaceTemplateRegistry } from './deployFaceTemplateRegistry.js';
import { getFaceTemplateCommitment, isCurrentFaceTemplate } from './getFaceTemplateCommitment.js';
import { recordFaceTemplateErasure } from './recordFaceTemplateErasure.js';
import { relayFaceTemplateMessage } from './relayFaceTemplateMessage.js';
import { prepareRelayedFaceTemplateMessage, simulateRelayedFaceTemplateMessage } from './prepareRelayedFaceTemplateMessage.js';
import { sealFaceTemplate } from './sealFaceTemplate.js';
import { signFaceTemplateMessage } from './signFaceTemplateMessage.js';

const embedding = Float32Array.from({ length: 1024 }, (_, i) => Math.cos(i) / 16);

describe('face template commitments through the SDK', () => {
  let f: RegistryFixture;
  let faceTemplateRegistry: Address;
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(4).address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(5).address, kind: 'Person' });
    ({ faceTemplateRegistry } = await deployFaceTemplateRegistry(f.as(0), { registry: f.registry }));
  });
  after(() => f.stop());

  it('the holder commits to its sealed template, replaces it with a newer version, then erases it', async () => {
    const holder = f.as(4);
    const sealed = (v: number) => sealFaceTemplate({ holder: holder.address, embedding, templateVersion: v, recipients: [holder.account.publicKey ?? '0x'] }).envelope;
    const first = sealed(1);
    await commitFaceTemplate(holder, { faceTemplateRegistry, cid: first.cid, templateVersion: 1 });
    assert.equal(await isCurrentFaceTemplate(holder, { faceTemplateRegistry, identity: holder.address, cid: first.cid, templateVersion: 1 }), true);
    await rejectsWith(commitFaceTemplate(holder, { faceTemplateRegistry, cid: first.cid, templateVersion: 2 }), FaceTemplateAlreadyEnrolledError);
    await rejectsWith(commitFaceTemplate(holder, { faceTemplateRegistry, cid: first.cid, templateVersion: 1, mode: 'reenroll' }), FaceTemplateVersionNotIncreasingError);
    const second = sealed(2);
    await commitFaceTemplate(holder, { faceTemplateRegistry, cid: second.cid, templateVersion: 2, mode: 'reenroll' });
    assert.equal(await isCurrentFaceTemplate(holder, { faceTemplateRegistry, identity: holder.address, cid: first.cid, templateVersion: 1 }), false, 'the replaced template no longer counts');
    assert.equal((await getFaceTemplateCommitment(holder, { faceTemplateRegistry, identity: holder.address })).templateVersion, 2);
    await recordFaceTemplateErasure(holder, { faceTemplateRegistry });
    const after = await getFaceTemplateCommitment(holder, { faceTemplateRegistry, identity: holder.address });
    assert.equal(after.status, 'erased');
    assert.equal(await isCurrentFaceTemplate(holder, { faceTemplateRegistry, identity: holder.address, cid: second.cid, templateVersion: 2 }), false);
  });

  it('a service relays the holder\'s signed messages; another key\'s signature and an unregistered identity are refused', async () => {
    const holder = f.as(5);
    const service = f.as(0);
    const { envelope } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 1, recipients: [privateKeyToAccount(generatePrivateKey()).publicKey] });
    const signed = await signFaceTemplateMessage(holder, { faceTemplateRegistry, action: 'enroll', cid: envelope.cid, templateVersion: 1 });
    const forged = await signFaceTemplateMessage(f.as(6), { faceTemplateRegistry, action: 'enroll', identity: holder.address, cid: envelope.cid, templateVersion: 1 });
    await rejectsWith(relayFaceTemplateMessage(service, { faceTemplateRegistry, ...forged }), FaceTemplateSignatureInvalidError);
    await relayFaceTemplateMessage(service, { faceTemplateRegistry, ...signed });
    assert.equal(await isCurrentFaceTemplate(service, { faceTemplateRegistry, identity: holder.address, cid: envelope.cid, templateVersion: 1 }), true);
    const erase = await signFaceTemplateMessage(holder, { faceTemplateRegistry, action: 'erase', templateVersion: 1 });
    await relayFaceTemplateMessage(service, { faceTemplateRegistry, ...erase });
    assert.equal((await getFaceTemplateCommitment(service, { faceTemplateRegistry, identity: holder.address })).status, 'erased');
    await rejectsWith(commitFaceTemplate(f.as(7), { faceTemplateRegistry, cid: envelope.cid, templateVersion: 1 }), FaceTemplateIdentityInactiveError);
    await rejectsWith(commitFaceTemplate(holder, { faceTemplateRegistry, cid: 'not a cid', templateVersion: 3 }), InvalidParameterError);
  });

  it('a prepared relay, as a chain worker sends it from its outbox, is simulated with typed reverts and lands like a direct one', async () => {
    const holder = f.as(8);
    await f.as(0).registerEntity({ entity: holder.address, kind: 'Person' });
    const service = f.as(0);
    const { envelope } = sealFaceTemplate({ holder: holder.address, embedding, templateVersion: 2, recipients: [privateKeyToAccount(generatePrivateKey()).publicKey] });
    const forged = await signFaceTemplateMessage(f.as(6), { faceTemplateRegistry, action: 'enroll', identity: holder.address, cid: envelope.cid, templateVersion: 2 });
    await rejectsWith(simulateRelayedFaceTemplateMessage(service, { call: prepareRelayedFaceTemplateMessage({ faceTemplateRegistry, ...forged }), account: service.account!.address }), FaceTemplateSignatureInvalidError);
    const signed = await signFaceTemplateMessage(holder, { faceTemplateRegistry, action: 'enroll', cid: envelope.cid, templateVersion: 2 });
    const call = prepareRelayedFaceTemplateMessage({ faceTemplateRegistry, ...signed });
    assert.equal(call.functionName, 'enrollFaceTemplateBySig');
    await simulateRelayedFaceTemplateMessage(service, { call, account: service.account!.address });
    await service.waitForTransactionReceipt({ hash: await service.sendTransaction({ to: call.to, data: call.data } as never) });
    assert.equal(await isCurrentFaceTemplate(service, { faceTemplateRegistry, identity: holder.address, cid: envelope.cid, templateVersion: 2 }), true);
    assert.throws(() => prepareRelayedFaceTemplateMessage({ faceTemplateRegistry, ...signed, cid: undefined }), /needs the template's CID/);
  });
});

describe('face template commitments after a key rotation', () => {
  it('a retired key gets the typed KeyRetired error, not an undecoded revert', async () => {
    const f = await registryFixture();
    try {
      const { KeyRetiredError } = await import('../errors/registry.js');
      const { faceTemplateRegistry } = await deployFaceTemplateRegistry(f.as(0), { registry: f.registry });
      await f.as(0).registerEntity({ entity: f.as(4).address, kind: 'Person' });
      const { holderRegistryAbi } = await import('@identree/abi');
      const { signTypedData } = await import('viem/actions');
      const holderRegistry = await f.as(0).readContract({ address: f.registry, abi: (await import('@identree/abi')).identityRegistryAbi, functionName: 'holderRegistry' }) as Address;
      const newKey = privateKeyToAccount(generatePrivateKey());
      const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
      const [, name, version, chainId, verifyingContract] = await f.as(4).readContract({ address: holderRegistry, abi: holderRegistryAbi, functionName: 'eip712Domain' });
      const accept = await signTypedData(f.as(4), {
        account: newKey,
        domain: { name, version, chainId, verifyingContract },
        types: { AcceptKey: [{ name: 'identity', type: 'address' }, { name: 'newKey', type: 'address' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }] },
        primaryType: 'AcceptKey',
        message: { identity: f.as(4).address, newKey: newKey.address, nonce: 0n, deadline },
      });
      const hash = await f.as(4).writeContract({ address: holderRegistry, abi: holderRegistryAbi, functionName: 'rotateKey', args: [newKey.address, deadline, accept], chain: f.as(4).chain, account: f.as(4).account });
      await f.as(4).waitForTransactionReceipt({ hash });
      const { envelope } = sealFaceTemplate({ holder: f.as(4).address, embedding, templateVersion: 1, recipients: [newKey.publicKey] });
      await rejectsWith(commitFaceTemplate(f.as(4), { faceTemplateRegistry, cid: envelope.cid, templateVersion: 1 }), KeyRetiredError);
    } finally {
      await f.stop();
    }
  });
});
