import type { Address } from 'viem';
import { blockTimeReader, type KeyChangeRecord, type KeyHistorySource } from '@identree/sdk';
import type { StorageRepositories } from '@identree/store';

type Reader = Parameters<typeof blockTimeReader>[0];

/**
 * An identity's key changes as the indexer recorded them (`KeyChanged` in its audit log), with each
 * block's time from the node (cached): what the DID route's versionId, updated and versionTime read.
 */
export function indexedKeyHistory(storage: Pick<StorageRepositories, 'audit'>, reader: Reader): KeyHistorySource {
  const blockTime = blockTimeReader(reader);
  return async (identity: Address) => {
    const changes: KeyChangeRecord[] = [];
    for (let afterId = 0; ; ) {
      const page = await storage.audit.listBySubject(identity, { limit: 500, afterId });
      for (const entry of page) {
        if (entry.action !== 'KeyChanged' || !entry.event) continue;
        const { newKey } = entry.payload as { newKey: Address };
        changes.push({ key: newKey, blockNumber: entry.event.blockNumber, time: await blockTime(entry.event.blockNumber) });
      }
      if (page.length < 500) return changes;
      afterId = page[page.length - 1]!.id;
    }
  };
}
