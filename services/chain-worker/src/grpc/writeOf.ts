import { create } from '@bufbuild/protobuf';
import { WriteSchema, WriteStatus, type Write } from '@identree/proto';
import type { OutboxRecord } from '@identree/store';

const statusOf = {
  pending: WriteStatus.PENDING,
  sent: WriteStatus.SENT,
  confirmed: WriteStatus.CONFIRMED,
  failed: WriteStatus.FAILED,
} as const;

/** An outbox row as it crosses the wire: the receipt summary as JSON, hashes as 0x strings. */
export function writeOf(record: OutboxRecord): Write {
  return create(WriteSchema, {
    id: BigInt(record.id),
    owner: record.owner,
    status: statusOf[record.status],
    transactionHash: record.txHash ?? '',
    responseJson: record.response === null || record.response === undefined ? '' : JSON.stringify(record.response),
    error: record.status === 'failed' ? (record.error ?? 'failed') : '',
  });
}
