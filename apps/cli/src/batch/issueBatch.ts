import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Hex } from 'viem';
import type { Context } from '../cli/context.js';
import { anchorWrite, completed, deliver, draftFor, type Draft } from '../service/issuance.js';
import { readBatchFile, type BatchRow } from './csvRows.js';
import { finishBatch, runBatch } from './runBatch.js';

export type IssueBatchOptions = { file: string; type?: string; concurrency: number; out?: string };

/**
 * `credential issue --batch`: every row anchored, completed into the holder's W3C credential, kept
 * in `<file>.issued.jsonl` (the issuer's copy, for a later delivery) and delivered to holders who
 * have signed in. The draft's salts are journaled with the signed anchor, so a credential confirmed
 * after a crash is rebuilt exactly.
 */
export async function issueBatch(ctx: Context, options: IssueBatchOptions) {
  const rows = readBatchFile(options.file, options.type);
  const issuedFile = options.out ?? `${options.file}.issued.jsonl`;
  let delivered = 0;
  let issuer: string | undefined;
  // A crash between keeping a credential and journaling its row would otherwise keep it twice.
  const kept = new Set(existsSync(issuedFile) ? readFileSync(issuedFile, 'utf8').split('\n').flatMap((l) => {
    try {
      return [(JSON.parse(l) as { proof: { uid: string } }).proof.uid];
    } catch {
      return [];
    }
  }) : []);
  const summary = await runBatch<BatchRow>(ctx, options, rows, {
    name: 'credential issue', noun: 'credentials',
    write: (row, chain) => {
      const draft = draftFor(row.request);
      const [name, body] = anchorWrite(draft, row.request.parents);
      return { name, body, keep: draft, idempotencyKey: `batch-${chain.chainId}-${draft.anchor.commitment}` };
    },
    confirmed: async (_row, keep, record, chain) => {
      issuer ??= ctx.address();
      const credential = await completed(ctx.connection, chain, keep as Draft, issuer as Hex, record);
      if (!kept.has(credential.proof.uid)) appendFileSync(issuedFile, `${JSON.stringify(credential)}\n`, { mode: 0o600 });
      if ((await deliver(ctx.connection, credential, await ctx.signer())).delivered) delivered += 1;
      return { uid: credential.proof.uid as Hex };
    },
  });
  const document = {
    ...summary, issued: summary.done, delivered, credentialsPerSecond: summary.perSecond, gasPerCredential: summary.gasPerRow, issuedFile,
  };
  ctx.out.result(document, () => {
    ctx.out.fields([
      ['rows', summary.rows], ['already issued', summary.alreadyDone], ['issued now', summary.done], ['delivered', delivered],
      ['failed', summary.failed.length], ['remaining', summary.remaining], ['seconds', summary.seconds],
      ['credentials/s', summary.perSecond], ['gas/credential', summary.gasPerRow], ['credentials in', issuedFile],
    ]);
    for (const f of summary.failed.slice(0, 20)) ctx.out.line(ctx.out.color.red(`  line ${f.row}: ${f.error}`));
  });
  finishBatch(ctx, summary);
}
