import type { Hash } from 'viem';
import type { EventPosition } from '../storage/types.js';
import { lower, type Doc } from './mongoHandle.js';

/** The fields a projection keeps for the event that last changed it. */
export const updatedFields = (at: EventPosition) => ({
  updatedBlock: at.blockNumber,
  updatedTxHash: lower(at.transactionHash),
  updatedLogIndex: at.logIndex,
});

/** The event that last changed a projection document, read back from `updatedFields`. */
export const updatedAtOf = (d: Doc): EventPosition => ({
  blockNumber: d.updatedBlock as bigint,
  transactionHash: d.updatedTxHash as Hash,
  logIndex: d.updatedLogIndex as number,
});
