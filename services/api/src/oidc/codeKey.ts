import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The symmetric key that encrypts authorization codes (JWE `dir`, A256GCM): 32 random bytes in
 * `file`, created on first use with mode 0600. Every API process on one data directory reads the
 * same file, so a code issued by one is redeemed by another.
 */
export async function loadCodeKey(file: string): Promise<Uint8Array> {
  const existing = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing) {
    if (existing.length !== 32) throw new Error(`${file}: expected a 32-byte key, found ${existing.length} bytes; delete it to create a new one`);
    return new Uint8Array(existing);
  }
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // wx: two processes starting at once do not overwrite each other's key; the loser reads the winner's.
  await writeFile(file, key, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return new Uint8Array(await readFile(file));
}
