import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { bytesToHex, type Hex } from 'viem';
import { assertNonceLifetime, type NonceStore } from '@identree/sdk';
import { identreeHome } from '../config/paths.js';
import { readJsonFile, writeJsonFile } from '../config/jsonFile.js';

type Issued = Record<string, { audience: string; expiresAt: number }>;

/**
 * A verifier's own nonces, for checking presentations with no service in between (`request
 * --local`, `verify --local`): kept in `~/.identree/verifier-nonces.json`, each consumed once.
 * One verifier at one terminal: concurrent CLI runs on the same file are not serialised.
 */
export class FileNonceStore implements NonceStore {
  constructor(readonly file = path.join(identreeHome(), 'verifier-nonces.json'), private now = () => Date.now()) {}

  async issue(audience: string, ttlSeconds: number): Promise<Hex> {
    assertNonceLifetime(ttlSeconds);
    const nonce = bytesToHex(randomBytes(32));
    const live = this.live();
    live[nonce] = { audience, expiresAt: this.now() + ttlSeconds * 1000 };
    writeJsonFile(this.file, live);
    return nonce;
  }

  async consume(audience: string, nonce: Hex): Promise<boolean> {
    const live = this.live();
    const entry = live[nonce.toLowerCase()];
    if (!entry || entry.audience !== audience) return false;
    delete live[nonce.toLowerCase()];
    writeJsonFile(this.file, live);
    return true;
  }

  private live(): Issued {
    const all = readJsonFile<Issued>(this.file, {});
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v.expiresAt > this.now()));
  }
}
