import type { Command } from 'commander';
import { Context, type GlobalOptions } from './context.js';

/** A command's action with its Context built from the global options (--service, --key, --json, …). */
export type Action = (ctx: Context, ...args: any[]) => Promise<unknown>;
export type Run = (fn: Action) => (...args: any[]) => Promise<void>;

export const run: Run = (fn) => async (...args: any[]) => {
  const command = args[args.length - 1] as Command;
  const ctx = new Context(command.optsWithGlobals<GlobalOptions>());
  await fn(ctx, ...args.slice(0, -1));
};
