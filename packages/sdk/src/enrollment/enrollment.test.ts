import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, stringToHex, type Address, type Hash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { sendTransaction, waitForTransactionReceipt } from 'viem/actions';
import { enrollmentRegistryAbi } from '@identree/abi';
import { registryFixture, type RegistryFixture } from '../test/fixture.js';
import { rejectsWith } from '../test/assertions.js';
import { CredentialType } from '../types.js';
import {
  EnrollmentNotAPersonError,
  EnrollmentVerifierNotAssignedError,
  EnrollmentFieldNotConfirmedError,
  EnrollmentPenaltyUnfoundedError,
  EnrollmentBatchMalformedError,
} from '../errors/enrollmentRegistry.js';
import { accreditVerifier } from './accreditVerifier.js';
import { attestEnrollment } from './attestEnrollment.js';
import { checkConfirmation } from './checkConfirmation.js';
import { commitDocumentFields } from './commitDocumentFields.js';
import { confirmationBatchTree, encodeConfirmationBatch } from './confirmationLeaf.js';
import { recordAndAttest } from './recordAndAttest.js';
import { decodeEnrollmentProviderLogs, prepareEnrollmentProviderCall, simulateEnrollmentProviderCall, type PrepareEnrollmentProviderCallReturnType } from './prepareEnrollmentProviderCall.js';
import { writeEnrollmentRegistry } from './enrollmentRegistryCall.js';
import { confirmField } from './confirmField.js';
import { deployEnrollmentRegistry } from './deployEnrollmentRegistry.js';
import { enrollDocument } from './enrollDocument.js';
import { enrollmentId } from './enrollmentId.js';
import { recoverFieldConfirmation } from './recoverFieldConfirmation.js';
import { getCredentialEnrollment } from './getCredentialEnrollment.js';
import { getEnrollment } from './getEnrollment.js';
import { getFieldAssignments } from './getFieldAssignments.js';
import { recordConfirmations } from './recordConfirmations.js';
import { penaliseConfirmation } from './penaliseConfirmation.js';
import { reportFalseField } from './reportFalseField.js';
import { sealBeacon } from './sealBeacon.js';
import { signFieldConfirmation } from './signFieldConfirmation.js';
import type { EnrollmentCommitment, FieldConfirmation } from './types.js';

const h = (label: string): Hash => keccak256(stringToHex(label));

describe('document enrollment through the SDK', () => {
  let f: RegistryFixture;
  let enrollmentRegistry: Address;
  // Six verifiers sign only; they never send a transaction, so they need no ether.
  const verifiers = Array.from({ length: 6 }, (_, i) => privateKeyToAccount(h(`verifier ${i}`)));
  const byAddress = new Map(verifiers.map((v) => [v.address, v]));
  const fields = [
    { fieldHash: h('crop name'), textHash: h('text name') },
    { fieldHash: h('crop birth'), textHash: h('text birth') },
  ];
  const { fieldsRoot, openings } = commitDocumentFields({ fields });

  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(4).address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(5).address, kind: 'Person' });
    await f.as(0).registerEntity({ entity: f.as(3).address, kind: 'Issuer' });
    ({ enrollmentRegistry } = await deployEnrollmentRegistry(f.as(0), { registry: f.registry }));
    for (const v of verifiers) {
      await f.as(0).registerEntity({ entity: v.address, kind: 'Person' });
      await accreditVerifier(f.as(0), { enrollmentRegistry, verifier: v.address });
    }
  });
  after(() => f.stop());

  /** Enrolls `enrollee`'s two-field document under a fresh image hash and seals its beacon. */
  async function enroll(enrollee: number, image: string) {
    const imageHash = h(image);
    const { enrollment } = await enrollDocument(f.as(enrollee), { enrollmentRegistry, imageHash, fieldsRoot, fieldCount: 2 });
    // The beacon is the enrollment block's hash, readable from the next block on.
    await f.chain.test.mine({ blocks: 1 });
    await sealBeacon(f.as(0), { enrollmentRegistry, enrollment });
    const commitment: EnrollmentCommitment = { enrollee: f.as(enrollee).address, imageHash, fieldsRoot };
    return { enrollment, commitment };
  }

  const answer = (enrollment: Hash, field: number, slot: number, verifier: Address) =>
    signFieldConfirmation(f.as(0), {
      account: byAddress.get(verifier)!,
      enrollmentRegistry,
      enrollment,
      field,
      slot,
      fieldHash: fields[field]!.fieldHash,
      committedTextHash: fields[field]!.textHash,
    });

  it('refuses an enrollee who is not a person', async () => {
    await rejectsWith(
      enrollDocument(f.as(3), { enrollmentRegistry, imageHash: h('x'), fieldsRoot, fieldCount: 2 }),
      EnrollmentNotAPersonError,
    );
  });

  it('confirms a document, proves each confirmation alone and follows the credential back to it', async () => {
    const { enrollment, commitment } = await enroll(4, 'photo 1');
    const assignments = await getFieldAssignments(f.as(0), { enrollmentRegistry, enrollment });
    assert.equal(assignments.length, 6, 'two fields, three verifiers each in the first round');
    const state = (await getEnrollment(f.as(0), { enrollmentRegistry, enrollment }))!;
    assert.deepEqual(await getFieldAssignments(f.as(0), { enrollmentRegistry, enrollment, state }), assignments, 'the same slots from a state read before');
    const onlySecond = { ...state, fields: state.fields.map((field, i) => (i === 0 ? { ...field, rounds: 0 } : field)) };
    assert.deepEqual(
      (await getFieldAssignments(f.as(0), { enrollmentRegistry, enrollment, state: onlySecond })).map((a) => a.field),
      [1, 1, 1],
      'the state given is the one used, not read again',
    );
    for (const field of [0, 1]) {
      const panel = assignments.filter((a) => a.field === field).map((a) => a.verifier);
      assert.equal(new Set(panel).size, 3, 'three distinct verifiers per field');
    }
    const batch: FieldConfirmation[] = [];
    for (const a of assignments) batch.push(await answer(enrollment, a.field, a.slot, a.verifier));

    await rejectsWith(
      attestEnrollment(f.as(0), { enrollmentRegistry, commitment, credentialCommitment: h('cred') }),
      EnrollmentFieldNotConfirmedError,
    );
    const { batch: index } = await recordConfirmations(f.as(3), { enrollmentRegistry, enrollment, confirmations: batch });
    const e = await getEnrollment(f.as(0), { enrollmentRegistry, enrollment });
    assert.deepEqual(e?.fields.map((x) => x.outcome), ['Confirmed', 'Confirmed']);
    assert.equal(e?.enrollee, f.as(4).address, 'the enrollee, read from the EnrollmentRecorded event');

    const tree = confirmationBatchTree(batch);
    const root = await f.as(0).readContract({ address: enrollmentRegistry, abi: enrollmentRegistryAbi, functionName: 'batchRoot', args: [enrollment, index] });
    assert.equal(root, tree.root, 'the SDK builds the same batch tree as the registry');
    for (const [i, c] of batch.entries()) {
      const checked = await checkConfirmation(f.as(0), {
        enrollmentRegistry,
        commitment,
        batch: index,
        confirmation: c,
        batchProof: tree.proof(i),
        opening: openings[c.field]!,
      });
      assert.equal(checked.fault, 'None');
      assert.equal(checked.verifier, assignments[i]!.verifier);
    }

    const credentialCommitment = h('alice residence card attributes');
    const { uid } = await f.as(0).anchorCredential({ subject: f.as(4).address, credentialType: CredentialType.Passport, commitment: credentialCommitment });
    const attested = await attestEnrollment(f.as(0), { enrollmentRegistry, commitment, credentialCommitment });
    assert.equal(attested.credential, uid);
    const source = await getCredentialEnrollment(f.as(0), { enrollmentRegistry, credential: uid });
    assert.equal(source?.enrollment, enrollment);
    assert.equal((await getEnrollment(f.as(0), { enrollmentRegistry, enrollment }))?.status, 'Attested');

    // Found false later: the enrollment is disputed and a verifier who confirmed the field loses half.
    await reportFalseField(f.as(0), { enrollmentRegistry, enrollment, field: batch[0]!.field });
    assert.equal((await getEnrollment(f.as(0), { enrollmentRegistry, enrollment }))?.status, 'Disputed');
    const reputation = () => f.as(0).readContract({ address: enrollmentRegistry, abi: enrollmentRegistryAbi, functionName: 'reputationOf', args: [assignments[0]!.verifier] });
    const before = await reputation();
    await penaliseConfirmation(f.as(5), { enrollmentRegistry, commitment, batch: index, confirmation: batch[0]!, batchProof: tree.proof(0), opening: openings[batch[0]!.field]! });
    assert.equal(await reputation(), Math.floor(before / 2));
    await rejectsWith(
      penaliseConfirmation(f.as(5), { enrollmentRegistry, commitment, batch: index, confirmation: batch[0]!, batchProof: tree.proof(0), opening: openings[batch[0]!.field]! }),
      EnrollmentPenaltyUnfoundedError,
    );
  });

  it('refuses a single confirmation signed by a verifier not assigned to that field', async () => {
    const { enrollment, commitment } = await enroll(5, 'photo 2');
    const assignments = await getFieldAssignments(f.as(0), { enrollmentRegistry, enrollment });
    const panel = new Set(assignments.filter((a) => a.field === 0).map((a) => a.verifier));
    const outsider = verifiers.find((v) => !panel.has(v.address))!;
    const forged = await answer(enrollment, 0, 0, outsider.address);
    assert.equal(enrollmentId(commitment), enrollment, 'the SDK derives the registry\'s id');
    const offChain = (verifier: Address, confirmation: FieldConfirmation) =>
      recoverFieldConfirmation({ enrollmentRegistry, chainId: f.chain.chain.id, enrollment, confirmation, fieldHash: fields[0]!.fieldHash, committedTextHash: fields[0]!.textHash, verifier });
    assert.equal(await offChain(outsider.address, forged), true, 'the outsider did sign it');
    assert.equal(await offChain(assignments[0]!.verifier, forged), false, 'but not as the assigned verifier');
    await rejectsWith(
      confirmField(f.as(0), { enrollmentRegistry, commitment, confirmation: forged, opening: openings[0]! }),
      EnrollmentVerifierNotAssignedError,
      (e) => assert.match(e.message, /not signed by 0x[0-9a-fA-F]{40}, the verifier assigned to slot 0 of field 0/),
    );
    const genuine = await answer(enrollment, 0, 0, assignments[0]!.verifier);
    const { batch } = await confirmField(f.as(0), { enrollmentRegistry, commitment, confirmation: genuine, opening: openings[0]! });
    assert.equal(batch, 0);
  });

  it('records the last batch and attests in one transaction, or neither while a field is undecided', async () => {
    const { enrollment, commitment } = await enroll(5, 'photo 3');
    const assignments = await getFieldAssignments(f.as(0), { enrollmentRegistry, enrollment });
    const batch: FieldConfirmation[] = [];
    for (const a of assignments) batch.push(await answer(enrollment, a.field, a.slot, a.verifier));
    const packed = encodeConfirmationBatch(batch);
    assert.equal((packed.length - 2) / 2, 67 * batch.length, '67 bytes per agreeing answer');
    const credentialCommitment = h('bob national id attributes');
    const { uid } = await f.as(0).anchorCredential({ subject: f.as(5).address, credentialType: CredentialType.Passport, commitment: credentialCommitment });

    await rejectsWith(
      recordAndAttest(f.as(0), { enrollmentRegistry, commitment, confirmations: batch.filter((c) => c.field === 0), credentialCommitment }),
      EnrollmentFieldNotConfirmedError,
    );
    assert.equal((await getEnrollment(f.as(0), { enrollmentRegistry, enrollment }))?.batches, 0, 'the batch reverted with the attestation');
    await rejectsWith(
      writeEnrollmentRegistry(f.as(0), { enrollmentRegistry, functionName: 'recordConfirmations', args: [enrollment, packed.slice(0, -2)] }),
      EnrollmentBatchMalformedError,
      (e) => assert.match(e.message, /answer 5/),
    );

    const done = await recordAndAttest(f.as(0), { enrollmentRegistry, commitment, confirmations: batch, credentialCommitment });
    assert.equal(done.credential, uid);
    const e = await getEnrollment(f.as(0), { enrollmentRegistry, enrollment });
    assert.equal(e?.status, 'Attested');
    const root = await f.as(0).readContract({ address: enrollmentRegistry, abi: enrollmentRegistryAbi, functionName: 'batchRoot', args: [enrollment, done.batch] });
    assert.equal(root, confirmationBatchTree(batch).root, 'the packed batch has the same tree as its answers');
    const tree = confirmationBatchTree(batch);
    const checked = await checkConfirmation(f.as(0), { enrollmentRegistry, commitment, batch: done.batch, confirmation: batch[2]!, batchProof: tree.proof(2), opening: openings[batch[2]!.field]! });
    assert.equal(checked.fault, 'None');
  });
});

describe('the identity provider\'s calls for a key held elsewhere', () => {
  let f: RegistryFixture;
  let enrollmentRegistry: Address;
  const verifiers = Array.from({ length: 6 }, (_, i) => privateKeyToAccount(h(`relayed verifier ${i}`)));
  const byAddress = new Map(verifiers.map((v) => [v.address, v]));
  const fields = [{ fieldHash: h('crop a'), textHash: h('text a') }, { fieldHash: h('crop b'), textHash: h('text b') }];
  const { fieldsRoot } = commitDocumentFields({ fields });
  before(async () => {
    f = await registryFixture();
    await f.as(0).registerEntity({ entity: f.as(4).address, kind: 'Person' });
    ({ enrollmentRegistry } = await deployEnrollmentRegistry(f.as(0), { registry: f.registry }));
    for (const v of verifiers) {
      await f.as(0).registerEntity({ entity: v.address, kind: 'Person' });
      await accreditVerifier(f.as(0), { enrollmentRegistry, verifier: v.address });
    }
  });
  after(() => f.stop());

  it('simulates, is sent as plain calldata, and its receipt names the batch and the credential', async () => {
    const { enrollment } = await enrollDocument(f.as(4), { enrollmentRegistry, imageHash: h('relayed photo'), fieldsRoot, fieldCount: 2 });
    await f.chain.test.mine({ blocks: 1 });
    const commitment: EnrollmentCommitment = { enrollee: f.as(4).address, imageHash: h('relayed photo'), fieldsRoot };
    const batch: FieldConfirmation[] = [];
    for (const a of await getFieldAssignments(f.as(0), { enrollmentRegistry, enrollment })) {
      batch.push(await signFieldConfirmation(f.as(0), { account: byAddress.get(a.verifier)!, enrollmentRegistry, enrollment, field: a.field, slot: a.slot, fieldHash: fields[a.field]!.fieldHash, committedTextHash: fields[a.field]!.textHash }));
    }
    const credentialCommitment = h('relayed credential');
    const { uid } = await f.as(0).anchorCredential({ subject: f.as(4).address, credentialType: CredentialType.Passport, commitment: credentialCommitment });
    const provider = f.as(0).account.address;
    const send = async (call: PrepareEnrollmentProviderCallReturnType) => {
      await simulateEnrollmentProviderCall(f.as(0), { call, account: provider });
      const hash = await sendTransaction(f.as(0), { to: call.to, data: call.data, account: f.as(0).account, chain: f.as(0).chain });
      const { logs } = await waitForTransactionReceipt(f.as(0), { hash });
      return decodeEnrollmentProviderLogs({ enrollmentRegistry, enrollment: call.enrollment, logs });
    };

    const first = prepareEnrollmentProviderCall({ enrollmentRegistry, functionName: 'recordAndAttest', commitment, confirmations: batch.filter((c) => c.field === 0), credentialCommitment });
    assert.equal(first.enrollment, enrollment);
    await rejectsWith(simulateEnrollmentProviderCall(f.as(0), { call: first, account: provider }), EnrollmentFieldNotConfirmedError);
    assert.deepEqual(await send(prepareEnrollmentProviderCall({ enrollmentRegistry, functionName: 'recordConfirmations', enrollment, confirmations: batch.filter((c) => c.field === 0) })), { batch: 0 });
    assert.deepEqual(await send(prepareEnrollmentProviderCall({ enrollmentRegistry, functionName: 'recordConfirmations', enrollment, confirmations: batch.filter((c) => c.field === 1) })), { batch: 1 });
    assert.deepEqual(await send(prepareEnrollmentProviderCall({ enrollmentRegistry, functionName: 'attest', commitment, credentialCommitment })), { credential: uid });
    assert.equal((await getEnrollment(f.as(0), { enrollmentRegistry, enrollment }))?.status, 'Attested');
  });
});
