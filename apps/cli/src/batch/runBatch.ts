import type { Hex } from 'viem';
import type { Context } from '../cli/context.js';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import type { Connection } from '../service/connection.js';
import { prepareAuthorityWrite, signPrepared, signRelayedAuthorityWrite, submitAuthorityCall, submitSigned, type AuthorityWrite, type WriteRecord } from '../service/authorityWrite.js';
import { serviceChain, type ServiceChain } from '../service/issuance.js';
import { Journal, type SignedEntry } from './journal.js';
import { NonceAllocator } from './nonceAllocator.js';
import { batchProgress } from './progress.js';

export type Row = { row: number; digest: string };

/** What one kind of batch does with a row: how to prepare its write, and what to do once it is confirmed. */
export type BatchOperation<R extends Row> = {
  name: string;
  noun: string;
  /** The authority write for a row, plus whatever must be kept to finish it after a crash (a draft's salts). */
  write(row: R, chain: ServiceChain): { name: AuthorityWrite; body: object; keep?: unknown; idempotencyKey: string };
  /** Runs once the row's write is confirmed; answers the uid to journal, if any. */
  confirmed(row: R, keep: unknown, record: WriteRecord, chain: ServiceChain): Promise<{ uid?: Hex }>;
};

export type BatchOptions = { file: string; concurrency: number };
export type BatchSummary = {
  file: string; rows: number; alreadyDone: number; done: number; failed: { row: number; error: string }[]; remaining: number;
  seconds: number; perSecond: number; gasPerRow: number | null; journal: string; nonceGaps: number[];
};

/**
 * A CSV's rows as authority writes, many in flight at once, resumable. A row's signed transaction
 * is journaled (and flushed) before it is sent; a rerun skips confirmed rows, sends signed ones
 * again as the same transaction under the same Idempotency-Key, and signs only untouched rows.
 * So no row is ever written twice, whatever stopped the previous run.
 * With `--sponsored` each row is a signed AuthorityCall the service's sponsor sends, journaled the same way. Those
 * go one at a time: a signer's AuthorityCall nonces are used in order, and the service simulates each message
 * against the chain before storing it, so a message is signed only once the one before it is confirmed.
 */
export async function runBatch<R extends Row>(ctx: Context, options: BatchOptions, rows: R[], operation: BatchOperation<R>): Promise<BatchSummary> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1 || options.concurrency > 64) {
    throw new CliError('usage', '--concurrency must be a whole number from 1 to 64 (the service accepts at most 64 writes ahead of a key\'s next nonce)', ExitCode.usage);
  }
  const { account, connection } = await ctx.authenticated();
  const chain = await serviceChain(connection);
  const journal = new Journal(`${options.file}.journal`);
  checkJournal(journal, rows, account.address, chain, operation.name);
  if (!journal.entries.some((e) => e.kind === 'start')) {
    journal.append({ kind: 'start', operation: operation.name, issuer: account.address, chainId: chain.chainId, registry: chain.registry, at: new Date().toISOString() }, { sync: true });
  }
  const states = journal.latest();
  const alreadyDone = rows.filter((r) => states.get(r.row)?.kind === 'confirmed').length;
  const signedNonces = journal.entries.flatMap((e) => (e.kind === 'signed' ? [e.nonce] : []));
  const nonces = new NonceAllocator(signedNonces.length ? Math.max(...signedNonces) + 1 : 0);
  const progress = batchProgress(rows.length, alreadyDone, operation.noun, Boolean(process.stderr.isTTY) && !ctx.out.json);
  const tally = { done: 0, gas: 0n, failed: [] as { row: number; error: string }[] };

  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(ExitCode.interrupted); // a second Ctrl-C: the journal already holds every signed row
    stopping = true;
    ctx.out.note('\nstopping: finishing the writes in flight (Ctrl-C again to quit at once; rerun to resume)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const sign = async (row: R): Promise<SignedEntry> => {
    const { name, body, keep, idempotencyKey } = operation.write(row, chain);
    if (connection.sponsored) {
      const { call, nonce } = await signRelayedAuthorityWrite(connection, account, name, body);
      // Its own key: the relayed route answers a stored key with that route's write only.
      return { kind: 'relayed', row: row.row, digest: row.digest, nonce, draft: keep, call, idempotencyKey: `${idempotencyKey}-relayed` };
    }
    const prepared = await prepareAuthorityWrite(connection, name, body);
    const nonce = nonces.take(prepared.nonce);
    const signedTransaction = await signPrepared(account, prepared, nonce);
    return { kind: 'signed', row: row.row, digest: row.digest, nonce, draft: keep, signedTransaction, idempotencyKey };
  };

  const writeRow = async (row: R) => {
    const earlier = states.get(row.row);
    const resent = earlier?.kind === 'signed' || earlier?.kind === 'relayed';
    let signed = resent ? journal.signedOf(row.row)! : undefined;
    if (!signed) {
      signed = await sign(row);
      journal.append(signed, { sync: true });
    }
    let record: WriteRecord;
    try {
      const entry = signed;
      record = await withRetry(() => (entry.kind === 'relayed'
        ? submitAuthorityCall(connection, entry.call, entry.idempotencyKey)
        : submitSigned(connection, entry.signedTransaction, entry.idempotencyKey)));
    } catch (error) {
      // Refused before it was sent (the service checks a write before storing it): the nonce is free again.
      const refusedBeforeSending = error instanceof CliError && error.exitCode === ExitCode.refused && error.code !== 'write_failed';
      if (!refusedBeforeSending) throw error; // unknown outcome: the row stays signed, and a rerun sends it again
      // A relayed message's nonce is the chain's to hand out again: the next prepare reads it.
      const released = !resent && signed.kind === 'signed';
      if (released) nonces.release(signed.nonce);
      const message = `${error.code}: ${error.message}`;
      journal.append({ kind: 'failed', row: row.row, nonce: signed.nonce, error: message, released });
      tally.failed.push({ row: row.row, error: message });
      return;
    }
    record = await settle(connection, record);
    if (record.status !== 'confirmed') {
      journal.append({ kind: 'failed', row: row.row, nonce: signed.nonce, error: record.error ?? record.status, released: false });
      tally.failed.push({ row: row.row, error: record.error ?? record.status });
      return;
    }
    const { uid } = await operation.confirmed(row, signed.draft, record, chain);
    const gasUsed = String((record.response as { gasUsed?: string }).gasUsed ?? '0');
    journal.append({ kind: 'confirmed', row: row.row, uid, transactionHash: record.transactionHash as Hex, gasUsed });
    tally.done += 1;
    tally.gas += BigInt(gasUsed);
    progress.tick();
  };

  const started = performance.now();
  let failure: unknown;
  try {
    // Rows signed before a crash go first, in nonce order, so that later nonces are not held behind them.
    const queue = rows.filter((r) => states.get(r.row)?.kind !== 'confirmed')
      .sort((a, b) => (journal.signedOf(a.row)?.nonce ?? Infinity) - (journal.signedOf(b.row)?.nonce ?? Infinity));
    const lanes = connection.sponsored ? 1 : options.concurrency;
    await Promise.all(Array.from({ length: Math.min(lanes, queue.length) }, async () => {
      while (!stopping && failure === undefined && queue.length) {
        await writeRow(queue.shift()!).catch((error) => { failure ??= error; });
      }
    }));
  } finally {
    progress.stop();
    journal.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (failure !== undefined) throw failure;
  const seconds = (performance.now() - started) / 1000;
  const summary: BatchSummary = {
    file: options.file, rows: rows.length, alreadyDone, done: tally.done, failed: tally.failed, remaining: rows.length - alreadyDone - tally.done,
    seconds: Number(seconds.toFixed(2)), perSecond: Number((tally.done / Math.max(seconds, 1e-9)).toFixed(1)),
    gasPerRow: tally.done ? Number(tally.gas / BigInt(tally.done)) : null, journal: journal.file, nonceGaps: nonces.gaps(),
  };
  if (stopping) {
    ctx.out.result({ ...summary, interrupted: true }, () => ctx.out.line(`stopped: ${summary.done} written now, ${summary.remaining} left`));
    throw new CliError('interrupted', `stopped with ${summary.remaining} row(s) left`, ExitCode.interrupted, 'run the same command again to resume', { reported: true });
  }
  return summary;
}

/** After the summary is printed: failures and gaps turn into the exit code. */
export function finishBatch(ctx: Context, summary: BatchSummary): void {
  if (summary.nonceGaps.length) ctx.out.note(`nonces ${summary.nonceGaps.join(', ')} were given back unused; later writes wait behind them: run the same command again`);
  if (summary.failed.length) {
    throw new CliError('rows_failed', `${summary.failed.length} row(s) were refused (listed above)`, ExitCode.refused,
      'fix them in the CSV and run the same command again; rows already written are not written twice', { reported: true });
  }
}

/** A journal from another key, chain, operation or edited rows is refused: resuming it would be a guess. */
function checkJournal(journal: Journal, rows: Row[], issuer: string, chain: ServiceChain, operation: string) {
  const start = journal.entries.find((e) => e.kind === 'start');
  if (start && (start.issuer.toLowerCase() !== issuer.toLowerCase() || start.chainId !== chain.chainId || start.registry.toLowerCase() !== chain.registry.toLowerCase() || (start.operation ?? operation) !== operation)) {
    throw new CliError('journal_mismatch', `${journal.file} belongs to ${start.operation ?? 'a batch'} by ${start.issuer} on chain ${start.chainId} (${start.registry})`, ExitCode.usage,
      'run it with that key, service and command, or put the rows in a new file');
  }
  const digests = new Map(rows.map((r) => [r.row, r.digest]));
  for (const e of journal.entries) {
    if ((e.kind === 'signed' || e.kind === 'relayed') && digests.get(e.row) !== e.digest) {
      throw new CliError('batch_file_changed', `line ${e.row} of the CSV changed after it was signed`, ExitCode.usage,
        'restore the row (it may already be written), or put new rows in a new file');
    }
  }
}

/** The same signed write, again under its key, until the service answers: a 5xx or a timeout says nothing about whether it was stored. */
async function withRetry(submit: () => Promise<WriteRecord>): Promise<WriteRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submit();
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
