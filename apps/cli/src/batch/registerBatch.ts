import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Address } from 'viem';
import type { Context } from '../cli/context.js';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import { address, entityKind } from '../cli/arguments.js';
import { finishBatch, runBatch, type Row } from './runBatch.js';

type RegistrationRow = Row & { entity: Address; kind: string };

/** `entity register --batch`: a registry office's day of registrations, one row per entity (columns: address, kind). */
export async function registerBatch(ctx: Context, options: { file: string; kind?: string; concurrency: number }) {
  const rows = readRegistrations(options.file, options.kind);
  const summary = await runBatch<RegistrationRow>(ctx, options, rows, {
    name: 'entity register', noun: 'entities',
    write: (row) => ({
      name: 'register-entity', body: { entity: row.entity, kind: row.kind },
      idempotencyKey: `batch-register-${row.entity.toLowerCase()}`,
    }),
    confirmed: async () => ({}),
  });
  ctx.out.result({ ...summary, registered: summary.done }, () => {
    ctx.out.fields([
      ['rows', summary.rows], ['already registered', summary.alreadyDone], ['registered now', summary.done], ['failed', summary.failed.length],
      ['remaining', summary.remaining], ['seconds', summary.seconds], ['entities/s', summary.perSecond], ['gas/entity', summary.gasPerRow],
    ]);
    for (const f of summary.failed.slice(0, 20)) ctx.out.line(ctx.out.color.red(`  line ${f.row}: ${f.error}`));
  });
  finishBatch(ctx, summary);
}

function readRegistrations(file: string, defaultKind?: string): RegistrationRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(file), { columns: true, trim: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    throw new CliError('invalid_csv', `${file} cannot be read as CSV: ${(error as Error).message}`, ExitCode.usage, 'columns: address, kind');
  }
  const problems: string[] = [];
  const rows = records.flatMap((record, index) => {
    try {
      const kind = entityKind(record.kind || defaultKind || '');
      const entity = address(record.address ?? '', 'entity address');
      return [{ row: index + 2, digest: createHash('sha256').update(`${entity}:${kind}`).digest('hex').slice(0, 32), entity, kind }];
    } catch (error) {
      problems.push(`line ${index + 2}: ${(error as Error).message}`);
      return [];
    }
  });
  if (problems.length) throw new CliError('invalid_rows', `${problems.length} row(s) of ${file} are invalid; nothing was registered:\n  ${problems.slice(0, 20).join('\n  ')}`, ExitCode.usage, 'fix the rows and run again');
  return rows;
}
