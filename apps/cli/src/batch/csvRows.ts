import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import { address, bytes32 } from '../cli/arguments.js';
import { draftFor, type CredentialRequest } from '../service/issuance.js';

export type BatchRow = { row: number; digest: string; request: CredentialRequest };

const RESERVED = new Set(['subject', 'type', 'source', 'validUntil', 'validFrom', 'mother', 'father']);

/**
 * Reads the whole CSV and checks every row against its credential type's schema before anything
 * is sent, so a bad row stops the batch up front (naming each bad row) rather than half-way.
 * Each row keeps a digest of its content: a rerun with an edited row is refused, not guessed at.
 */
export function readBatchFile(file: string, defaultType?: string): BatchRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file), { columns: true, trim: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new CliError('invalid_csv', `${file} cannot be read as CSV: ${(error as Error).message}`, ExitCode.usage, 'the first row names the columns: subject, then one per attribute');
  }
  if (records.length === 0) throw new CliError('empty_batch', `${file} has no rows below its header`, ExitCode.usage);
  if (!('subject' in records[0]!)) throw new CliError('invalid_csv', `${file} has no "subject" column`, ExitCode.usage, 'the first row names the columns: subject, then one per attribute');
  const problems: string[] = [];
  const rows = records.flatMap((record, index) => {
    const row = index + 2; // the line in the file: 1 is the header
    try {
      const type = record.type || defaultType;
      if (!type) throw new Error('no type: add a "type" column or pass --type');
      const attributes = Object.fromEntries(Object.entries(record).filter(([k, v]) => !RESERVED.has(k) && v !== ''));
      const request: CredentialRequest = {
        type, subject: address(record.subject ?? '', 'subject address'), attributes,
        source: record.source ? bytes32(record.source, 'source uid') : undefined,
        validFrom: record.validFrom || undefined, validUntil: record.validUntil || undefined,
        parents: record.mother || record.father ? { mother: record.mother ? address(record.mother) : undefined, father: record.father ? address(record.father) : undefined } : undefined,
      };
      draftFor(request); // the schema check; the real draft (with fresh salts) is made when the row is sent
      return [{ row, digest: createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32), request }];
    } catch (error) {
      problems.push(`line ${row}: ${(error as Error).message}`);
      return [];
    }
  });
  if (problems.length) {
    const shown = problems.slice(0, 20).join('\n  ');
    throw new CliError('invalid_rows', `${problems.length} row(s) of ${file} are invalid; nothing was issued:\n  ${shown}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`, ExitCode.usage, 'fix the rows and run the command again');
  }
  return rows;
}
