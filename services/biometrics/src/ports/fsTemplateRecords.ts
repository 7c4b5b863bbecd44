import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getAddress, type Address } from 'viem';
import type { TemplateRecord, TemplateRecordStore } from '@identree/biometrics';

/**
 * Envelopes on disk, one JSON file per holder under `dir`, replaced atomically (write, then rename), so a
 * crash leaves the old envelope or the new one, never half of one. Deleting the file destroys the only
 * copies of the wrapped data key the service holds.
 *
 * @example
 * const records = fsTemplateRecords(path.join(dataDir, 'face-templates'))
 */
export function fsTemplateRecords(dir: string): TemplateRecordStore {
  const file = (holder: Address) => path.join(dir, `${getAddress(holder).toLowerCase()}.json`);
  return {
    async get(holder) {
      try {
        return JSON.parse(await readFile(file(holder), 'utf8')) as TemplateRecord;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async put(record) {
      await mkdir(dir, { recursive: true });
      const target = file(record.holder);
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
      await rename(temporary, target);
    },
    async delete(holder) {
      try {
        await rm(file(holder));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
  };
}
