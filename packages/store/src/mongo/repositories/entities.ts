import type { Address, Hash } from 'viem';
import type { EntitiesRepository, EntityRecord } from '../../storage/types.js';
import { collection, lower, putById, type Doc, type MongoHandle } from '../mongoHandle.js';
import { recordUndo } from '../mongoUndoLog.js';
import { runJournaled } from '../mongoTransaction.js';

const fromDoc = (d: Doc): EntityRecord => ({
  account: d.account as Address,
  kind: d.kind as EntityRecord['kind'],
  status: d.status as EntityRecord['status'],
  registrar: d.registrar as Address,
  // A uint256 does not fit an int64: kept as its decimal string.
  tokenId: BigInt(d.tokenId as string),
  registration: {
    blockNumber: d.registeredBlock as bigint,
    transactionHash: d.txHash as Hash,
    logIndex: d.logIndex as number,
  },
});

/** Registered accounts, as the indexer last saw them. */
export function mongoEntitiesRepository(h: MongoHandle): EntitiesRepository {
  return {
    async upsert(e, at = e.registration) {
      const account = lower(e.account);
      await runJournaled(h, async (tx) => {
        await recordUndo(tx, 'entities', account, at);
        await putById(tx, 'entities', {
          _id: account,
          account,
          kind: e.kind,
          status: e.status,
          registrar: lower(e.registrar),
          tokenId: e.tokenId.toString(),
          registeredBlock: e.registration.blockNumber,
          txHash: lower(e.registration.transactionHash),
          logIndex: e.registration.logIndex,
        });
      });
    },
    async get(account) {
      const d = await collection(h, 'entities').findOne({ _id: lower(account) });
      return d ? fromDoc(d) : null;
    },
    async listByRegistrars(registrars, { limit = 100 } = {}) {
      if (registrars.length === 0) return [];
      const among = registrars.map(lower);
      // A registrar is not its own child: only the first root registered itself, and it is among the registrars asked about only at the top.
      const found = await collection(h, 'entities')
        .find({ registrar: { $in: among }, _id: { $nin: among } })
        .sort({ registrar: 1, registeredBlock: 1, logIndex: 1 })
        .limit(limit)
        .toArray();
      return found.map(fromDoc);
    },
  };
}
