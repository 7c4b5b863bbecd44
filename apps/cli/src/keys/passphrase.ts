import { openSync } from 'node:fs';
import tty from 'node:tty';
import password from '@inquirer/password';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';

/**
 * The keystore passphrase: IDENTREE_PASSPHRASE for scripts, else a hidden prompt on the terminal.
 * Without either the command stops rather than hang on a pipe.
 */
export async function askPassphrase(purpose: string, { confirm = false } = {}): Promise<string> {
  const fromEnv = process.env.IDENTREE_PASSPHRASE;
  if (fromEnv !== undefined) {
    if (fromEnv.length === 0) throw new CliError('empty_passphrase', 'IDENTREE_PASSPHRASE is empty', ExitCode.keystore);
    return fromEnv;
  }
  if (!hasTerminal()) {
    throw new CliError('no_passphrase', `a passphrase is needed to ${purpose}, and there is no terminal to ask on`, ExitCode.keystore,
      'set IDENTREE_PASSPHRASE for scripts, or run the command in a terminal');
  }
  const first = await prompt(`Passphrase to ${purpose}:`);
  if (first.length < 8 && confirm) throw new CliError('weak_passphrase', 'the passphrase must have at least 8 characters', ExitCode.keystore);
  if (confirm && (await prompt('Repeat the passphrase:')) !== first) {
    throw new CliError('passphrase_mismatch', 'the two passphrases differ', ExitCode.keystore, 'run the command again');
  }
  return first;
}

/** One masked prompt on its own handle of the terminal (a prompt leaves its input stream closed). */
async function prompt(message: string): Promise<string> {
  const terminal = openTerminal()!;
  try {
    return await password({ message, mask: '*' }, { input: terminal.input, output: terminal.output });
  } finally {
    terminal.close();
  }
}

const hasTerminal = () => {
  const terminal = openTerminal();
  terminal?.close();
  return terminal !== undefined;
};

/**
 * The terminal to ask on: stdin when it is one, else the controlling terminal (/dev/tty), as ssh
 * and gpg do, so that `… | identree key import --stdin` still prompts for the passphrase.
 */
function openTerminal(): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; close(): void } | undefined {
  if (process.stdin.isTTY) return { input: process.stdin, output: process.stderr, close: () => {} };
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined; // no controlling terminal: a script, a service, CI
  }
  const input = new tty.ReadStream(fd);
  const output = new tty.WriteStream(fd);
  return { input, output, close: () => input.destroy() };
}

/** A secret read without echo (a private key to import); from the terminal or, with --stdin, a pipe. */
export async function askSecret(message: string, fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').trim();
  }
  if (!process.stdin.isTTY) throw new CliError('no_terminal', 'no terminal to read the secret from', ExitCode.usage, 'pipe it in with --stdin');
  return (await password({ message, mask: '*' }, { output: process.stderr })).trim();
}
