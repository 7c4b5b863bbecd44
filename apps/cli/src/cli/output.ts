import pc from 'picocolors';
import Table from 'cli-table3';

type Colors = ReturnType<typeof pc.createColors>;

/**
 * What a command prints. People get tables and colours (only when stdout is a terminal and
 * NO_COLOR is unset); scripts pass --json and get exactly one JSON document on stdout. Progress and
 * prompts go to stderr so that piping stdout stays clean.
 */
export class Output {
  readonly color: Colors;
  constructor(readonly json: boolean, readonly stdout: NodeJS.WriteStream = process.stdout, readonly stderr: NodeJS.WriteStream = process.stderr) {
    this.color = pc.createColors(Boolean(stdout.isTTY) && !process.env.NO_COLOR && !json);
  }

  /** The command's result: the JSON document, or the human rendering. */
  result(document: unknown, human: () => void): void {
    if (this.json) this.stdout.write(`${JSON.stringify(document, jsonReplacer, 2)}\n`);
    else human();
  }

  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  /** A titled list of key: value pairs. */
  fields(entries: [string, unknown][]): void {
    const width = Math.max(...entries.map(([k]) => k.length));
    for (const [k, v] of entries) this.line(`${this.color.dim(k.padEnd(width))}  ${format(v)}`);
  }

  table(head: string[], rows: unknown[][]): void {
    if (rows.length === 0) {
      this.line(this.color.dim('(none)'));
      return;
    }
    const table = new Table({ head: head.map((h) => this.color.bold(h)), style: { head: [], border: [] }, wordWrap: false });
    table.push(...rows.map((r) => r.map(format)));
    this.line(table.toString());
  }

  /** A note for people, on stderr (never mixed into --json output). */
  note(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }
}

const format = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v, jsonReplacer) : String(v));
export const jsonReplacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
