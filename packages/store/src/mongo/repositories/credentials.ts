import type { Address, Hash, Hex } from 'viem';
import type { CredentialRecord, CredentialsRepository } from '../../storage/types.js';
import { collection, lower, putById, type Doc, type MongoHandle } from '../mongoHandle.js';
import { recordUndo } from '../mongoUndoLog.js';
import { runJournaled } from '../mongoTransaction.js';

const fromDoc = (d: Doc): CredentialRecord => ({
  uid: d.uid as Hash,
  issuer: d.issuer as Address,
  subject: d.subject as Address,
  credentialType: d.credentialType as number,
  commitment: d.commitment as Hex,
  level: d.level as CredentialRecord['level'],
  validFrom: d.validFrom as number,
  validUntil: d.validUntil as number,
  revoked: d.revoked as boolean,
  linked: d.linked as boolean,
  anchoredAt: {
    blockNumber: d.anchoredBlock as bigint,
    transactionHash: d.anchoredTxHash as Hash,
    logIndex: d.anchoredLogIndex as number,
  },
});

/** Anchored credentials, as the indexer last saw them. */
export function mongoCredentialsRepository(h: MongoHandle): CredentialsRepository {
  return {
    async upsert(c, at = c.anchoredAt) {
      const uid = lower(c.uid);
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'credentials', uid, at);
        await putById(tx, 'credentials', {
          _id: uid,
          uid,
          issuer: lower(c.issuer),
          subject: lower(c.subject),
          credentialType: c.credentialType,
          commitment: lower(c.commitment),
          level: c.level,
          validFrom: c.validFrom,
          validUntil: c.validUntil,
          revoked: c.revoked,
          linked: c.linked,
          anchoredBlock: c.anchoredAt.blockNumber,
          anchoredTxHash: lower(c.anchoredAt.transactionHash),
          anchoredLogIndex: c.anchoredAt.logIndex,
        });
      });
    },
    async get(uid) {
      const d = await collection(h, 'credentials').findOne({ _id: lower(uid) });
      return d ? fromDoc(d) : null;
    },
    async listByHolder(holder) {
      const found = await collection(h, 'credentials')
        .find({ subject: lower(holder) })
        .sort({ anchoredBlock: 1, anchoredLogIndex: 1 })
        .toArray();
      return found.map(fromDoc);
    },
  };
}
