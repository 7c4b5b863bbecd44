import type { Output } from '../cli/output.js';
import type { WriteRecord } from '../service/authorityWrite.js';

/** How a write is shown: its status and transaction, or the JSON record for scripts. */
export function showWrite(out: Output, what: string, record: WriteRecord, extra: Record<string, unknown> = {}): void {
  out.result({ ...extra, write: record }, () => {
    const pending = record.status !== 'confirmed';
    out.line(`${pending ? out.color.yellow('pending') : out.color.green('done')}  ${what}`);
    out.fields([...Object.entries(extra), ['transaction', record.transactionHash ?? '(not sent yet)'], ['write id', record.id]]);
    if (pending) out.note(`the write is ${record.status}; the service keeps sending it (check: identree write ${record.id})`);
  });
}
