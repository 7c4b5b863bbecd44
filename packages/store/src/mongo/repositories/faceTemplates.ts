import type { Filter } from 'mongodb';
import type { Address } from 'viem';
import type { FaceTemplateRecordRow, FaceTemplatesRepository, Json } from '../../storage/types.js';
import { collection, insertUnique, lower, putById, remember, type Doc, type MongoHandle } from '../mongoHandle.js';

const fromDoc = (d: Doc): FaceTemplateRecordRow => ({
  holder: d._id as Address,
  cid: d.cid as string,
  templateVersion: Number(d.templateVersion),
  model: d.model as string,
  envelope: JSON.parse(d.envelope as string) as Json,
  enrolledAt: d.enrolledAt as Date,
});

// The envelope is kept as JSON text, as share keys' are: its field names are the client's, not ours to index.
const toDoc = (record: FaceTemplateRecordRow): Doc => ({
  _id: lower(record.holder),
  cid: record.cid,
  templateVersion: record.templateVersion,
  model: record.model,
  envelope: JSON.stringify(record.envelope),
  enrolledAt: record.enrolledAt,
});

/** Face template records, one document per holder keyed by it; a re-enrollment is one replace, an erasure one delete. */
export function mongoFaceTemplatesRepository(h: MongoHandle): FaceTemplatesRepository {
  const records = () => collection(h, 'face_template_records');
  return {
    async get(holder) {
      const d = await records().findOne({ _id: lower(holder) } as Filter<Doc>);
      return d ? fromDoc(d) : null;
    },
    put: (record) => putById(h, 'face_template_records', toDoc(record)),
    add: (record) => insertUnique(h, 'face_template_records', toDoc(record)),
    async delete(holder) {
      const id = lower(holder);
      await remember(h, 'face_template_records', [id]);
      return (await records().deleteOne({ _id: id } as Filter<Doc>)).deletedCount === 1;
    },
  };
}
