import type { TransactionReceipt } from 'viem';
import { identityOf } from '@identree/sdk';
import type { ChainPort } from '@identree/chain';
import type { OutboxRecord, Storage } from '@identree/store';

/**
 * What the sponsor paid for one relayed write, in the audit log of the identity that asked for it
 * (the identity the write's owner, a signed-in key, acts for now; the key itself if it acts for
 * none), mined or reverted alike, since both cost gas. `logIndex` -1 marks the transaction itself, not one of its
 * logs: replays and reconciliation record it once (the log's unique key), and a reorg removes it
 * with its block, like every other entry from that block. The API sums these for the sponsor's
 * per-entity quota (`SPONSOR_QUOTA_WEI`).
 */
export async function recordSponsoredGas(storage: Storage, chain: ChainPort, record: OutboxRecord, receipt: TransactionReceipt) {
  const { txRequest } = record as OutboxRecord & { txRequest: { functionName?: string; signer?: string } };
  // A node that does not answer here still leaves the record, under the key, rather than none.
  const identity = await identityOf(chain.reader, { holderRegistry: chain.holderRegistry, key: record.owner }).catch(() => null);
  await storage.audit.append({
    subject: identity ?? record.owner,
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
