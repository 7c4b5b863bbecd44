import type { Hash } from 'viem';
import type { CursorRepository } from '../../storage/types.js';
import { collection, lower, putById, type MongoHandle } from '../mongoHandle.js';

/** How far each named indexer has read. */
export function mongoCursorRepository(h: MongoHandle): CursorRepository {
  return {
    async get(name) {
      const d = await collection(h, 'indexer_cursor').findOne({ _id: name });
      return d ? { blockNumber: d.blockNumber as bigint, blockHash: d.blockHash as Hash | null } : null;
    },
    async set(name, { blockNumber, blockHash }) {
      await putById(h, 'indexer_cursor', {
        _id: name,
        blockNumber,
        blockHash: blockHash === null ? null : lower(blockHash),
        updatedAt: new Date(),
      });
    },
  };
}
