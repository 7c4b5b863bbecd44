import type { TransactionReceipt } from 'viem';
import type { OutboxRecord, Storage } from '@identree/store';

/**
 * What the sponsor paid for one relayed write, in the audit log of whoever asked for it (the
 * write's owner: the signed-in key, which is the identity until its first change of key), mined or
 * reverted alike, since both cost gas. `logIndex` -1 marks the transaction itself, not one of its
 * logs: replays and reconciliation record it once (the log's unique key), and a reorg removes it
 * with its block, like every other entry from that block. The API sums these for the sponsor's
 * per-entity quota (`SPONSOR_QUOTA_WEI`).
 */
export async function recordSponsoredGas(storage: Storage, record: OutboxRecord, receipt: TransactionReceipt) {
  const { txRequest } = record as OutboxRecord & { txRequest: { functionName?: string; signer?: string } };
  await storage.audit.append({
    subject: record.owner,
    action: 'SponsoredGasSpent',
    actor: receipt.from,
    event: { blockNumber: receipt.blockNumber, blockHash: receipt.blockHash, transactionHash: receipt.transactionHash, logIndex: -1 },
    payload: {
      writeId: record.id,
      functionName: txRequest.functionName ?? null,
      status: receipt.status,
      gasUsed: receipt.gasUsed.toString(),
      effectiveGasPrice: receipt.effectiveGasPrice.toString(),
      wei: (receipt.gasUsed * receipt.effectiveGasPrice).toString(),
    },
  });
}
