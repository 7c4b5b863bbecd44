import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';

/** Reads a JSON file the CLI owns; absent means `fallback`, unreadable is an error naming the file. */
export function readJsonFile<T>(file: string, fallback: T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new CliError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`, ExitCode.usage);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CliError('file_corrupt', `${file} is not valid JSON`, ExitCode.usage, 'fix or delete the file');
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file behind. */
export function writeJsonFile(file: string, value: unknown, mode = 0o600): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode });
  renameSync(temporary, file);
}
