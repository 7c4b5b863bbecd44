import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliRunner, startEmbeddedService, type CliResult } from './cliProcess.js';

export type EmbeddedService = Awaited<ReturnType<typeof startEmbeddedService>>;
export type CliSession = Awaited<ReturnType<typeof startCliSession>>;

/** A command's JSON answer, once it exited 0; otherwise the failure with everything it printed. */
export function ok(r: CliResult, what: string) {
  assert.equal(r.code, 0, `${what}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r.json;
}

/**
 * What a suite against the embedded stack starts from: `npm start`'s service, a fresh IDENTREE_HOME,
 * and the binary pointed at both with a passphrase from the environment (the light KDF, since every
 * key is unlocked by a new process). `env` adds variables that need the service (its chain, say).
 */
export async function startCliSession(name: string, env: (service: EmbeddedService) => Record<string, string> = () => ({})) {
  const service = await startEmbeddedService();
  const home = mkdtempSync(path.join(tmpdir(), `identree-cli-${name}-`));
  const cli = cliRunner({ IDENTREE_HOME: home, IDENTREE_PASSPHRASE: 'a long test passphrase', IDENTREE_LIGHT_KDF: '1', IDENTREE_SERVICE: service.url, ...env(service) });
  return {
    service, home, cli,
    /** The command signed by the named key, answering JSON. */
    as: (key: string, args: string[]) => cli([...args, '--key', key, '--json']),
    stop: async () => {
      await service.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
