import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import type { Hex } from 'viem';
import type { SignedAuthorityCall } from '../service/authorityWrite.js';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';

export type JournalEntry =
  | { kind: 'start'; issuer: string; chainId: number; registry: string; at: string; operation?: string }
  | { kind: 'signed'; row: number; digest: string; nonce: number; draft?: unknown; signedTransaction: Hex; idempotencyKey: string }
  // `--sponsored`: the signed AuthorityCall the sponsor sends; `nonce` is the message's, not a transaction's.
  | { kind: 'relayed'; row: number; digest: string; nonce: number; draft?: unknown; call: SignedAuthorityCall; idempotencyKey: string }
  | { kind: 'confirmed'; row: number; uid?: Hex; transactionHash: Hex; gasUsed: string }
  | { kind: 'failed'; row: number; nonce?: number; error: string; released: boolean };

export type SignedEntry = Extract<JournalEntry, { kind: 'signed' | 'relayed' }>;

/**
 * The batch's write-ahead journal, one JSON line per step, beside the CSV. A row's signed
 * transaction is written, and flushed to disk, before it is sent; so after Ctrl-C, a crash or a
 * power cut, a rerun sends exactly that transaction again under the same Idempotency-Key (the
 * service answers it again, or the chain has it) and never signs a second credential for the row.
 */
export class Journal {
  private fd: number;
  readonly entries: JournalEntry[];

  constructor(readonly file: string) {
    this.entries = existsSync(file) ? parseJournal(file) : [];
    this.fd = openSync(file, 'a', 0o600);
  }

  append(entry: JournalEntry, { sync = false } = {}): void {
    appendFileSync(this.fd, `${JSON.stringify(entry)}\n`);
    if (sync) fsyncSync(this.fd);
    this.entries.push(entry);
  }

  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }

  /** Each row's latest state. */
  latest(): Map<number, Exclude<JournalEntry, { kind: 'start' }>> {
    const states = new Map<number, Exclude<JournalEntry, { kind: 'start' }>>();
    for (const e of this.entries) if (e.kind !== 'start') states.set(e.row, e);
    return states;
  }

  /** The write each signed row used (a transaction or a relayed message), and its draft, for rows later confirmed (the credential is rebuilt from it). */
  signedOf(row: number): SignedEntry | undefined {
    return this.entries.findLast((e): e is SignedEntry => (e.kind === 'signed' || e.kind === 'relayed') && e.row === row);
  }
}

function parseJournal(file: string): JournalEntry[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const entries: JournalEntry[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      entries.push(reviveDates(JSON.parse(line)) as JournalEntry);
    } catch {
      // A torn last line is what a crash mid-write leaves; anything earlier is damage to report.
      if (i < lines.length - 2) throw new CliError('journal_corrupt', `${file} line ${i + 1} is damaged`, ExitCode.usage, 'restore the journal; deleting it would issue every row again');
    }
  });
  return entries;
}

/** Drafts carry Dates (validity); JSON turns them into strings, so they are turned back. */
function reviveDates(entry: { kind: string; draft?: { validFrom?: unknown; validUntil?: unknown } }) {
  if ((entry.kind === 'signed' || entry.kind === 'relayed') && entry.draft) {
    if (typeof entry.draft.validFrom === 'string') entry.draft.validFrom = new Date(entry.draft.validFrom);
    if (typeof entry.draft.validUntil === 'string') entry.draft.validUntil = new Date(entry.draft.validUntil);
  }
  return entry;
}
