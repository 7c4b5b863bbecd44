import { appendFileSync } from 'node:fs';
import type { Hex, LocalAccount } from 'viem';
import type { Context } from '../cli/context.js';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import type { Connection } from '../service/connection.js';
import { signPrepared, submitSigned, type WriteRecord } from '../service/authorityWrite.js';
import { completed, deliver, draftFor, prepareAnchor, serviceChain, type Draft, type ServiceChain } from '../service/issuance.js';
import { readBatchFile, type BatchRow } from './csvRows.js';
import { Journal } from './journal.js';
import { NonceAllocator } from './nonceAllocator.js';
import { batchProgress } from './progress.js';

export type BatchOptions = { file: string; type?: string; concurrency: number; out?: string };

/**
 * `credential issue --batch`: every row of a CSV anchored, completed and delivered, with writes in
 * flight at once. Rerunning the same command resumes: confirmed rows are skipped, rows signed but
 * not known to be confirmed are sent again as the same transaction, and only untouched rows are
 * signed anew. Nothing is ever signed twice for one row.
 */
export async function issueBatch(ctx: Context, options: BatchOptions) {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1 || options.concurrency > 256) {
    throw new CliError('usage', '--concurrency must be a whole number from 1 to 256', ExitCode.usage);
  }
  const rows = readBatchFile(options.file, options.type);
  const { account, connection } = await ctx.authenticated();
  const chain = await serviceChain(connection);
  const journal = new Journal(`${options.file}.journal`);
  const issuedFile = options.out ?? `${options.file}.issued.jsonl`;
  checkJournal(journal, rows, account.address, chain);
  if (!journal.entries.some((e) => e.kind === 'start')) {
    journal.append({ kind: 'start', issuer: account.address, chainId: chain.chainId, registry: chain.registry, at: new Date().toISOString() }, { sync: true });
  }

  const states = journal.latest();
  const already = rows.filter((r) => states.get(r.row)?.kind === 'confirmed').length;
  const todo = rows.filter((r) => states.get(r.row)?.kind !== 'confirmed');
  const signedNonces = journal.entries.flatMap((e) => (e.kind === 'signed' ? [e.nonce] : []));
  const nonces = new NonceAllocator(signedNonces.length ? Math.max(...signedNonces) + 1 : 0);
  const progress = batchProgress(rows.length, already, Boolean(process.stderr.isTTY) && !ctx.out.json);
  const tally = { issued: 0, delivered: 0, gas: 0n, failed: [] as { row: number; error: string }[] };

  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(ExitCode.interrupted); // a second Ctrl-C: the journal already holds every signed row
    stopping = true;
    ctx.out.note('\nstopping: finishing the writes in flight (Ctrl-C again to quit at once; rerun to resume)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const issueRow = async (row: BatchRow) => {
    const earlier = states.get(row.row);
    let signed = earlier?.kind === 'signed' ? journal.signedOf(row.row)! : undefined;
    if (!signed) {
      const draft = draftFor(row.request);
      const prepared = await prepareAnchor(connection, draft, row.request.parents);
      const nonce = nonces.take(prepared.nonce);
      const signedTransaction = await signPrepared(account, prepared, nonce);
      signed = { kind: 'signed', row: row.row, digest: row.digest, nonce, draft, signedTransaction, idempotencyKey: `batch-${chain.chainId}-${draft.anchor.commitment}` };
      journal.append(signed, { sync: true });
    }
    let record: WriteRecord;
    try {
      record = await submitWithRetry(connection, signed.signedTransaction, signed.idempotencyKey);
    } catch (error) {
      const refusedBeforeSending = error instanceof CliError && error.exitCode === ExitCode.refused && error.code !== 'write_failed';
      if (!refusedBeforeSending) throw error; // unknown outcome: the row stays signed, and a rerun sends it again
      if (!earlier) nonces.release(signed.nonce);
      journal.append({ kind: 'failed', row: row.row, nonce: signed.nonce, error: `${error.code}: ${error.message}`, released: !earlier });
      tally.failed.push({ row: row.row, error: `${error.code}: ${error.message}` });
      return;
    }
    record = await settle(connection, record);
    if (record.status !== 'confirmed') {
      journal.append({ kind: 'failed', row: row.row, nonce: signed.nonce, error: record.error ?? record.status, released: false });
      tally.failed.push({ row: row.row, error: record.error ?? record.status });
      return;
    }
    const credential = completed(chain, signed.draft as Draft, account.address, record);
    appendFileSync(issuedFile, `${JSON.stringify(credential)}\n`, { mode: 0o600 });
    const gasUsed = String((record.response as { gasUsed?: string }).gasUsed ?? '0');
    journal.append({ kind: 'confirmed', row: row.row, uid: credential.proof.uid as Hex, transactionHash: record.transactionHash as Hex, gasUsed });
    tally.issued += 1;
    tally.gas += BigInt(gasUsed);
    if ((await deliver(connection, credential)).delivered) tally.delivered += 1;
    progress.tick();
  };

  const started = performance.now();
  let failure: unknown;
  try {
    // Rows signed before a crash go first, in nonce order, so that later nonces are not held behind them.
    const queue = [...todo].sort((a, b) => (journal.signedOf(a.row)?.nonce ?? Infinity) - (journal.signedOf(b.row)?.nonce ?? Infinity));
    await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, async () => {
      while (!stopping && failure === undefined && queue.length) {
        const row = queue.shift()!;
        await issueRow(row).catch((error) => { failure ??= error; });
      }
    }));
  } finally {
    progress.stop();
    journal.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    file: options.file, rows: rows.length, alreadyIssued: already, issued: tally.issued, delivered: tally.delivered, failed: tally.failed,
    remaining: rows.length - already - tally.issued, seconds: Number(seconds.toFixed(2)),
    credentialsPerSecond: Number((tally.issued / Math.max(seconds, 1e-9)).toFixed(1)),
    gasPerCredential: tally.issued ? Number(tally.gas / BigInt(tally.issued)) : null,
    issuedFile, journal: journal.file, nonceGaps: nonces.gaps(),
  };
  ctx.out.result(summary, () => {
    ctx.out.fields([
      ['rows', summary.rows], ['already issued', summary.alreadyIssued], ['issued now', summary.issued], ['delivered', summary.delivered],
      ['failed', summary.failed.length], ['remaining', summary.remaining], ['seconds', summary.seconds],
      ['credentials/s', summary.credentialsPerSecond], ['gas/credential', summary.gasPerCredential], ['credentials in', issuedFile],
    ]);
    for (const f of summary.failed.slice(0, 20)) ctx.out.line(ctx.out.color.red(`  line ${f.row}: ${f.error}`));
  });
  if (failure !== undefined) throw failure;
  if (stopping) throw new CliError('interrupted', `stopped with ${summary.remaining} row(s) left`, ExitCode.interrupted, 'run the same command again to resume');
  if (summary.nonceGaps.length) ctx.out.note(`nonces ${summary.nonceGaps.join(', ')} were given back unused; later writes wait behind them: run the same command again`);
  if (tally.failed.length) throw new CliError('rows_failed', `${tally.failed.length} row(s) were refused (listed above)`, ExitCode.refused, 'fix them in the CSV and run the same command again; issued rows are not issued twice');
}

/** A journal from another issuer, chain or edited rows is refused: resuming it would be a guess. */
function checkJournal(journal: Journal, rows: BatchRow[], issuer: string, chain: ServiceChain) {
  const start = journal.entries.find((e) => e.kind === 'start');
  if (start && (start.issuer.toLowerCase() !== issuer.toLowerCase() || start.chainId !== chain.chainId || start.registry.toLowerCase() !== chain.registry.toLowerCase())) {
    throw new CliError('journal_mismatch', `${journal.file} belongs to issuer ${start.issuer} on chain ${start.chainId} (${start.registry})`, ExitCode.usage,
      'run it with that key and service, or issue this CSV under another file name');
  }
  const digests = new Map(rows.map((r) => [r.row, r.digest]));
  for (const e of journal.entries) {
    if (e.kind === 'signed' && digests.get(e.row) !== e.digest) {
      throw new CliError('batch_file_changed', `line ${e.row} of the CSV changed after it was signed`, ExitCode.usage,
        'restore the row (it may already be issued), or put new rows in a new file');
    }
  }
}

/** The same signed write, again under its key, until the service answers: a 5xx or a timeout says nothing about whether it was stored. */
async function submitWithRetry(connection: Connection, signedTransaction: Hex, idempotencyKey: string): Promise<WriteRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submitSigned(connection, signedTransaction, idempotencyKey);
    } catch (error) {
      if (!(error instanceof CliError) || error.exitCode !== ExitCode.unavailable || attempt >= 4) throw error;
      await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
    }
  }
}

/** A write answered 202 (pending) is followed until it is confirmed or failed. */
async function settle(connection: Connection, record: WriteRecord): Promise<WriteRecord> {
  for (let wait = 200; record.status !== 'confirmed' && record.status !== 'failed'; wait = Math.min(wait * 2, 5_000)) {
    await new Promise((r) => setTimeout(r, wait));
    record = await connection.expect(connection.api().GET('/writes/{id}', { params: { path: { id: String(record.id) } } })) as WriteRecord;
  }
  return record;
}

export type { LocalAccount };
