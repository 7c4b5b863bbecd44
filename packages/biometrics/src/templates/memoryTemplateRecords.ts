import type { Address } from 'viem';
import type { FaceAuditEvent, FaceAuditLog, TemplateRecord, TemplateRecordStore } from './types.js';

/**
 * The in-process envelope store and audit log, for tests, the bench and a single-process holder
 * agent.
 *
 * @example
 * const records = memoryTemplateRecords()
 */
export function memoryTemplateRecords(): TemplateRecordStore {
  const byHolder = new Map<string, TemplateRecord>();
  return {
    async get(holder: Address) {
      return byHolder.get(holder.toLowerCase()) ?? null;
    },
    async put(record: TemplateRecord) {
      byHolder.set(record.holder.toLowerCase(), record);
    },
    async delete(holder: Address) {
      return byHolder.delete(holder.toLowerCase());
    },
  };
}

/** An audit log kept in memory, readable through `events`. */
export function memoryFaceAuditLog(): FaceAuditLog & { events: FaceAuditEvent[] } {
  const events: FaceAuditEvent[] = [];
  return { events, append: async (event) => void events.push(event) };
}
