import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Address, Hash } from 'viem';
import type { FieldConfirmation } from '@identree/sdk';
import { SubmissionDocumentChangedError, SubmissionNotFoundError } from './enrollmentSubmissionRecord.js';
import type { EnrollmentSubmissionRecord } from './enrollmentSubmissionTypes.js';
import type { Storage } from './types.js';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hash;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const submission = (n: number, overrides: Partial<EnrollmentSubmissionRecord> = {}): EnrollmentSubmissionRecord => ({
  enrollee: '0x00000000000000000000000000000000000000E1' as Address,
  templateId: 'bdims-residence-card',
  imageHash: hash(0x1000 + n),
  fieldsRoot: hash(0x2000 + n),
  enrollment: hash(0xe000 + n),
  fields: ['Name', 'Sex', 'No'].map((name, i) => ({
    name,
    // Every byte value once, behind a PNG signature: a driver that treated the crop as text would mangle it.
    crop: Uint8Array.from([...PNG_SIGNATURE, ...Array.from({ length: 256 }, (_, b) => (b + i) % 256)]),
    text: `${name.toUpperCase()} ${n}`,
    fieldHash: hash(0x3000 + i),
    textHash: hash(0x4000 + i),
  })),
  pending: [],
  batches: [],
  corrections: [],
  ...overrides,
});

const answer = (field: number, slot: number, agrees = true): FieldConfirmation => ({
  field, slot, agrees, textHash: agrees ? hash(0) : hash(0x5000 + slot), r: hash(0x6000 + slot), vs: hash(0x7000 + slot),
});

/** Document enrollment's submission store: the behaviour every adapter keeps, run by the shared storage suite. */
export function enrollmentSubmissionsStorageTests(open: () => Promise<Storage>) {
  it('keeps a submission whole, its crops byte for byte, and finds it whatever the casing of its id', async () => {
    const storage = await open();
    const s = submission(1, { pending: [answer(0, 0)], batches: [[answer(1, 0), answer(1, 1, false)]], corrections: [{ field: 1, slot: 1, text: 'F', salt: hash(9) }] });
    await storage.enrollmentSubmissions.put(s);
    assert.deepEqual(await storage.enrollmentSubmissions.get(s.enrollment), s);
    assert.deepEqual(await storage.enrollmentSubmissions.get(s.enrollment.toUpperCase().replace('0X', '0x') as Hash), s);
    assert.equal(await storage.enrollmentSubmissions.get(hash(0xe999)), undefined);
  });

  it('lands every one of twenty concurrent confirmations: none is lost to a read-then-write', async () => {
    const storage = await open();
    const s = submission(2);
    await storage.enrollmentSubmissions.put(s);
    const answers = Array.from({ length: 20 }, (_, i) => answer(i % 3, i));
    await Promise.all(answers.map((a) => storage.enrollmentSubmissions.update(s.enrollment, (x) => ({ ...x, pending: [...x.pending, a] }))));
    const stored = await storage.enrollmentSubmissions.get(s.enrollment);
    assert.deepEqual(stored?.pending.map((a) => a.slot).sort((a, b) => a - b), answers.map((a) => a.slot));
    assert.deepEqual(stored?.fields, s.fields);
  });

  it('answers what it kept from an update, and moves answers between pending and batches in one step', async () => {
    const storage = await open();
    const s = submission(3, { pending: [answer(0, 0), answer(0, 1)] });
    await storage.enrollmentSubmissions.put(s);
    const kept = await storage.enrollmentSubmissions.update(s.enrollment, (x) => ({ ...x, pending: [], batches: [x.pending], corrections: [{ field: 0, slot: 1, text: 'M', salt: hash(7) }] }));
    assert.deepEqual(kept, { ...s, pending: [], batches: [s.pending], corrections: [{ field: 0, slot: 1, text: 'M', salt: hash(7) }] });
    assert.deepEqual(await storage.enrollmentSubmissions.get(s.enrollment), kept);
  });

  it('stores nothing of a submission whose last field cannot be written, and keeps the one it would have replaced', async () => {
    const storage = await open();
    // A NUL is refused in PostgreSQL text (and in FerretDB's JSONB documents): the write fails after the submission row.
    const broken = (s: EnrollmentSubmissionRecord) => ({ ...s, fields: [...s.fields.slice(0, 2), { ...s.fields[2]!, text: 'NO\u0000' }] });
    await assert.rejects(storage.enrollmentSubmissions.put(broken(submission(4))));
    assert.equal(await storage.enrollmentSubmissions.get(submission(4).enrollment), undefined);
    const s = submission(5, { pending: [answer(0, 0)] });
    await storage.enrollmentSubmissions.put(s);
    await assert.rejects(storage.enrollmentSubmissions.put(broken({ ...s, pending: [] })));
    assert.deepEqual(await storage.enrollmentSubmissions.get(s.enrollment), s);
  });

  it('refuses an update of an enrollment never put, and one that rewrites the document, changing nothing', async () => {
    const storage = await open();
    await assert.rejects(storage.enrollmentSubmissions.update(hash(0xe404), (x) => x), SubmissionNotFoundError);
    const s = submission(6);
    await storage.enrollmentSubmissions.put(s);
    const otherCrop = (x: EnrollmentSubmissionRecord) => ({ ...x, pending: [answer(0, 0)], fields: x.fields.map((f, i) => (i === 0 ? { ...f, crop: Uint8Array.from([1]) } : f)) });
    await assert.rejects(storage.enrollmentSubmissions.update(s.enrollment, otherCrop), SubmissionDocumentChangedError);
    await assert.rejects(storage.enrollmentSubmissions.update(s.enrollment, (x) => ({ ...x, fieldsRoot: hash(1) })), SubmissionDocumentChangedError);
    assert.deepEqual(await storage.enrollmentSubmissions.get(s.enrollment), s);
    // The refused writer left no claim behind: the next update goes through at once.
    await storage.enrollmentSubmissions.update(s.enrollment, (x) => ({ ...x, pending: [answer(1, 0)] }));
    assert.deepEqual((await storage.enrollmentSubmissions.get(s.enrollment))?.pending, [answer(1, 0)]);
  });
}
