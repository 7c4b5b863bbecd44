import { existsSync } from 'node:fs';

const SETPRIV = '/usr/bin/setpriv';

/**
 * The command line that runs `command` so that it receives SIGTERM when the process that spawned
 * it dies, SIGKILL included. Without this, a `kill -9` of a service leaves its embedded anvil
 * running: the orphan keeps dumping the chain state file, and after a restart two anvils
 * overwrite each other's file and writes answered 2xx vanish. The kernel does it (Linux's
 * parent-death signal, set by util-linux's setpriv, which then execs the command, so the pid and
 * the command line stay the command's own). Elsewhere the command runs as is, and the data
 * directory's pid file (see `startEmbeddedChain`) is what stops an orphan.
 */
export function tiedToParent(command: string, args: readonly string[]): [string, string[]] {
  if (process.platform !== 'linux' || !existsSync(SETPRIV)) return [command, [...args]];
  return [SETPRIV, ['--pdeathsig', 'TERM', '--', command, ...args]];
}
