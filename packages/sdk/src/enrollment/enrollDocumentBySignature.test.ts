import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, recoverTypedDataAddress, stringToHex, type Address, type Hash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { latestTimestamp, rejectsWith } from '../test/assertions.js';
import { EnrollmentAlreadyRecordedError, EnrollmentNotAPersonError, EnrollmentSignatureExpiredError, EnrollmentSignatureInvalidError } from '../errors/enrollmentRegistry.js';
import { accreditVerifier } from './accreditVerifier.js';
import { deployEnrollmentRegistry } from './deployEnrollmentRegistry.js';
import { enrollDocumentBySignature, prepareRelayedEnrollment, simulateRelayedEnrollment } from './enrollDocumentBySignature.js';
import { enrollmentId } from './enrollmentId.js';
import { prepareEnrollTypedData } from './enrollTypedData.js';
import { getEnrollment } from './getEnrollment.js';
import { signEnrollment } from './signEnrollment.js';

const h = (label: string): Hash => keccak256(stringToHex(label));

// The enrollee's key signs and never sends: the registry, not this SDK, decides whether the signature is
// the enrollee's, so a digest the SDK got wrong fails here as EnrollmentSignatureInvalid.
describe('an enrollment signed by the enrollee and sent by a sponsor', () => {
  let f: RegistryFixture;
  let enrollmentRegistry: Address;
  const enrollee = privateKeyToAccount(h('enrollee with no ether'));
  const fieldsRoot = h('fields root');

  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: enrollee.address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(3).address, kind: 'Issuer' });
    ({ enrollmentRegistry } = await deployEnrollmentRegistry(f.as(0), { registry: f.registry }));
    for (let i = 0; i < 6; i++) {
      const verifier = privateKeyToAccount(h(`verifier ${i}`)).address;
      await f.as(0).registerEntity({ entity: verifier, kind: 'Person' });
      await accreditVerifier(f.as(0), { enrollmentRegistry, verifier });
    }
  });
  after(() => f.stop());

  it('records the enrollee\'s enrollment, not the sponsor\'s, once', async () => {
    const imageHash = h('photo 1');
    const signed = await signEnrollment(f.as(1), { account: enrollee, enrollmentRegistry, imageHash, fieldsRoot, fieldCount: 2 });
    assert.equal(signed.enrollee, enrollee.address);
    const call = prepareRelayedEnrollment({ enrollmentRegistry, ...signed });
    const expected = enrollmentId({ enrollee: enrollee.address, imageHash, fieldsRoot });
    assert.equal(await simulateRelayedEnrollment(f.as(1), { call, account: f.as(1).account.address }), expected);
    const { enrollment } = await enrollDocumentBySignature(f.as(1), { enrollmentRegistry, ...signed });
    assert.equal(enrollment, expected);
    assert.equal((await getEnrollment(f.as(1), { enrollmentRegistry, enrollment }))?.fieldCount, 2);
    await rejectsWith(enrollDocumentBySignature(f.as(2), { enrollmentRegistry, ...signed }), EnrollmentAlreadyRecordedError);
  });

  it('answers the typed data a browser wallet signs, which recovers to the enrollee', async () => {
    const typed = prepareEnrollTypedData({ chainId: await f.as(0).getChainId(), enrollmentRegistry, enrollee: enrollee.address, imageHash: h('photo 2'), fieldsRoot, fieldCount: 2, deadline: 2n ** 40n });
    const signature = await enrollee.signTypedData(typed);
    assert.equal(await recoverTypedDataAddress({ ...typed, signature }), enrollee.address);
    const { enrollment } = await enrollDocumentBySignature(f.as(1), { enrollmentRegistry, ...typed.message, signature });
    assert.equal(enrollment, enrollmentId({ enrollee: enrollee.address, imageHash: h('photo 2'), fieldsRoot }));
  });

  it('refuses an expired message, another signer\'s, and a non-person\'s, with typed errors', async () => {
    const past = BigInt(await latestTimestamp(f.as(0)) - 1);
    const expired = await signEnrollment(f.as(1), { account: enrollee, enrollmentRegistry, imageHash: h('photo 3'), fieldsRoot, fieldCount: 2, deadline: past });
    await rejectsWith(enrollDocumentBySignature(f.as(1), { enrollmentRegistry, ...expired }), EnrollmentSignatureExpiredError);
    const byAnother = await signEnrollment(f.as(1), { account: privateKeyToAccount(h('someone else')), enrollmentRegistry, imageHash: h('photo 3'), fieldsRoot, fieldCount: 2 });
    const call = prepareRelayedEnrollment({ enrollmentRegistry, ...byAnother, enrollee: enrollee.address });
    await rejectsWith(simulateRelayedEnrollment(f.as(1), { call, account: f.as(1).account.address }), EnrollmentSignatureInvalidError);
    const issuer = await signEnrollment(f.as(3), { enrollmentRegistry, imageHash: h('photo 3'), fieldsRoot, fieldCount: 2 });
    await rejectsWith(enrollDocumentBySignature(f.as(1), { enrollmentRegistry, ...issuer }), EnrollmentNotAPersonError);
  });
});
