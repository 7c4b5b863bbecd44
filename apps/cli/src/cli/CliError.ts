import { ExitCode } from './exitCodes.js';

/**
 * Every failure the CLI reports: what went wrong, and what to do about it. Printed as one line
 * (plus the hint) to people, or as `{ "error": { code, message, hint } }` with --json; never a
 * stack unless --debug.
 */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode = ExitCode.refused,
    readonly hint?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, hint?: string) => new CliError('usage', message, ExitCode.usage, hint);
