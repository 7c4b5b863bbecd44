import { Binary, type Filter } from 'mongodb';
import type { Address, Hash } from 'viem';
import type { FieldConfirmation } from '@identree/sdk';
import { changedSubmission, plainBytes, SubmissionNotFoundError } from '../../storage/enrollmentSubmissionRecord.js';
import type { CorrectionOpening, EnrollmentSubmissionRecord, EnrollmentSubmissionsRepository } from '../../storage/enrollmentSubmissionTypes.js';
import { compareAndSet } from '../compareAndSet.js';
import { collection, lower, putById, type Doc, type MongoHandle } from '../mongoHandle.js';

const NAME = 'enrollment_submissions';

/** FerretDB v1 stores no array directly inside an array, so each batch is wrapped. */
type BatchDoc = { answers: FieldConfirmation[] };
const batchDocs = (batches: FieldConfirmation[][]): BatchDoc[] => batches.map((answers) => ({ answers }));

type FieldDoc = { name: string; crop: Binary; text: string; fieldHash: Hash; textHash: Hash };

const fromDoc = (d: Doc): EnrollmentSubmissionRecord => ({
  enrollee: d.enrollee as Address,
  templateId: d.templateId as string,
  imageHash: d.imageHash as Hash,
  fieldsRoot: d.fieldsRoot as Hash,
  enrollment: d._id as Hash,
  fields: (d.fields as FieldDoc[]).map((f) => ({ name: f.name, crop: plainBytes(f.crop.buffer), text: f.text, fieldHash: f.fieldHash, textHash: f.textHash })),
  pending: d.pending as FieldConfirmation[],
  batches: (d.batches as BatchDoc[]).map((b) => b.answers),
  corrections: d.corrections as CorrectionOpening[],
});

/**
 * Submissions on MongoDB (FerretDB v1 included): one document each, its crops as BinData, so `put` is
 * one replace and lands whole or not at all. `update` goes through `compareAndSet`, whose revision
 * claim gives concurrent confirmations one writer at a time (a plain read-then-write would drop one).
 */
export function mongoEnrollmentSubmissionsRepository(h: MongoHandle): EnrollmentSubmissionsRepository {
  return {
    async put(s) {
      await putById(h, NAME, {
        _id: lower(s.enrollment),
        enrollee: s.enrollee,
        templateId: s.templateId,
        imageHash: s.imageHash,
        fieldsRoot: s.fieldsRoot,
        fields: s.fields.map((f): FieldDoc => ({ name: f.name, crop: new Binary(f.crop), text: f.text, fieldHash: f.fieldHash, textHash: f.textHash })),
        pending: s.pending,
        batches: batchDocs(s.batches),
        corrections: s.corrections,
        rev: 0,
      });
    },
    async get(id) {
      const d = await collection(h, NAME).findOne({ _id: lower(id) } as Filter<Doc>);
      return d ? fromDoc(d) : undefined;
    },
    async update(id, change) {
      let next: EnrollmentSubmissionRecord | undefined;
      let refused: unknown;
      const written = await compareAndSet(h, NAME, { _id: lower(id) } as Filter<Doc>, (d) => {
        try {
          next = changedSubmission(fromDoc(d), change);
        } catch (error) {
          // Written back unchanged, so the claim is used and the next writer is not kept waiting.
          refused = error;
          return {};
        }
        return { pending: next.pending, batches: batchDocs(next.batches), corrections: next.corrections };
      });
      if (refused) throw refused;
      if (!written || !next) throw new SubmissionNotFoundError(id);
      return next;
    },
  };
}
