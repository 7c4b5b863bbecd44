import type { Address } from 'viem';
import {
  blockTimeReader, EntityStatus, nameOf,
  type KeyChangeRecord, type KeyHistorySource, type StatusChangeRecord, type StatusHistorySource,
} from '@identree/sdk';
import type { StorageRepositories } from '@identree/store';

type Reader = Parameters<typeof blockTimeReader>[0];
type Audit = Pick<StorageRepositories, 'audit'>;
type AuditEntry = Awaited<ReturnType<Audit['audit']['listBySubject']>>[number];

/** Every audit entry about `subject` with the given action, oldest first, page by page. */
async function* auditEntries(storage: Audit, subject: Address, action: string): AsyncGenerator<AuditEntry> {
  for (let afterId = 0; ; ) {
    const page = await storage.audit.listBySubject(subject, { limit: 500, afterId });
    for (const entry of page) if (entry.action === action && entry.event) yield entry;
    if (page.length < 500) return;
    afterId = page[page.length - 1]!.id;
  }
}

/**
 * An identity's key changes as the indexer recorded them (`KeyChanged` in its audit log), with each
 * block's time from the node (cached): what the DID route's versionId, updated and versionTime read.
 */
export function indexedKeyHistory(storage: Audit, reader: Reader): KeyHistorySource {
  const blockTime = blockTimeReader(reader);
  return async (identity: Address) => {
    const changes: KeyChangeRecord[] = [];
    for await (const entry of auditEntries(storage, identity, 'KeyChanged')) {
      const { newKey } = entry.payload as { newKey: Address };
      changes.push({ key: newKey, blockNumber: entry.event!.blockNumber, time: await blockTime(entry.event!.blockNumber) });
    }
    return changes;
  };
}

/** An entity's suspensions, reinstatements and revocation from the audit log, for `versionTime`. */
export function indexedStatusHistory(storage: Audit, reader: Reader): StatusHistorySource {
  const blockTime = blockTimeReader(reader);
  return async (entity: Address) => {
    const changes: StatusChangeRecord[] = [];
    for await (const entry of auditEntries(storage, entity, 'EntityStatusChanged')) {
      const { status } = entry.payload as { status: number | string };
      changes.push({ status: nameOf(EntityStatus, Number(status)), blockNumber: entry.event!.blockNumber, time: await blockTime(entry.event!.blockNumber) });
    }
    return changes;
  };
}
