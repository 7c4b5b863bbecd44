import { BlobStoreUnavailableError, CidMismatchError, NotAFileError } from './errors.js';
import { parseCid } from './parseCid.js';
import type { BlobStore, EraseBlobReturnType } from './types.js';
import { KUBO_CHUNK_SIZE, unixfsCid } from './unixfsImport.js';

export type KuboBlobStoreOptions = {
  /** Per request. */
  timeoutMs?: number;
  /**
   * Answer `get`/`has` from the node's own blocks only (kubo's global `offline` flag), so an unknown
   * CID is a quick null rather than a network search that lasts until the timeout. Default true:
   * the service reads back what it stored.
   */
  offline?: boolean;
  /** Compare kubo's CID with the embedded store's before returning it. Default true. */
  verifyCid?: boolean;
  fetch?: typeof fetch;
};

/** Kubo's answer when a block is not there (offline) or a path does not resolve. */
const NOT_FOUND = /not found|could not find|no link named/i;

/**
 * The production blob store: a kubo node's RPC API (`IPFS_API_URL`, e.g. `http://127.0.0.1:5001`),
 * called with plain fetch. `put` asks for kubo's CIDv1 import settings explicitly, so a node's
 * `Import.*` config cannot silently name blobs differently from `FsBlobStore`.
 *
 * @example
 * const blobs = new KuboBlobStore(config.ipfsApiUrl)
 * const cid = await blobs.put(bytes)
 */
export class KuboBlobStore implements BlobStore {
  readonly #api: string;
  readonly #timeoutMs: number;
  readonly #offline: boolean;
  readonly #verifyCid: boolean;
  readonly #fetch: typeof fetch;

  constructor(apiUrl: string, { timeoutMs = 30_000, offline = true, verifyCid = true, fetch: fetchFn = globalThis.fetch }: KuboBlobStoreOptions = {}) {
    this.#api = apiUrl.replace(/\/+$/, '').replace(/\/api\/v0$/, '');
    this.#timeoutMs = timeoutMs;
    this.#offline = offline;
    this.#verifyCid = verifyCid;
    this.#fetch = fetchFn;
  }

  async put(bytes: Uint8Array): Promise<string> {
    const body = new FormData();
    // Blob copies the bytes, so a view on a SharedArrayBuffer is as good as any.
    body.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'blob');
    const response = await this.#call('add', { 'cid-version': '1', 'raw-leaves': 'true', chunker: `size-${KUBO_CHUNK_SIZE}`, hash: 'sha2-256', pin: 'true', quieter: 'true' }, body);
    if (!response.ok) throw await this.#failure('add', response);
    // NDJSON, one line per added entry; with `quieter` the last (only) line is the file.
    const lines = (await response.text()).split('\n').filter((line) => line.trim() !== '');
    let hash: unknown;
    try {
      hash = (JSON.parse(lines.at(-1) ?? '{}') as { Hash?: unknown }).Hash;
    } catch (error) {
      throw new BlobStoreUnavailableError('Kubo answered add with something that is not JSON.', { cause: error });
    }
    if (typeof hash !== 'string') throw new BlobStoreUnavailableError('Kubo answered add without a Hash.');
    const cid = parseCid(hash).toV1().toString();
    if (this.#verifyCid) {
      const expected = await unixfsCid(bytes);
      if (expected !== cid) throw new CidMismatchError(expected, cid);
    }
    return cid;
  }

  async get(cid: string): Promise<Uint8Array | null> {
    const parsed = parseCid(cid).toString();
    const response = await this.#call('cat', { arg: parsed, ...(this.#offline ? { offline: 'true' } : {}) });
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
    const failure = await this.#failure('cat', response);
    if (NOT_FOUND.test(failure.details ?? '')) return null;
    if (/directory|not a file/i.test(failure.details ?? '')) throw new NotAFileError(parsed, /directory/i.test(failure.details ?? '') ? 'a directory' : 'something kubo does not read as a file');
    throw failure;
  }

  async has(cid: string): Promise<boolean> {
    const parsed = parseCid(cid).toString();
    // The root block is enough: kubo pins (and so keeps) a whole file on add.
    const response = await this.#call('block/stat', { arg: parsed, ...(this.#offline ? { offline: 'true' } : {}) });
    if (response.ok) {
      await response.body?.cancel();
      return true;
    }
    const failure = await this.#failure('block/stat', response);
    if (NOT_FOUND.test(failure.details ?? '')) return false;
    throw failure;
  }

  async erase(cid: string): Promise<EraseBlobReturnType> {
    const parsed = parseCid(cid).toString();
    if (!(await this.has(parsed))) return { erased: false, unpinned: false };
    // The blocks below the root, listed before anything is removed (offline: only this node's).
    const refs = await this.#call('refs', { arg: parsed, recursive: 'true', unique: 'true', offline: 'true' });
    if (!refs.ok) throw await this.#failure('refs', refs);
    const children = (await refs.text())
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { Ref?: string }).Ref)
      .filter((ref): ref is string => typeof ref === 'string' && ref !== '');
    const unpin = await this.#call('pin/rm', { arg: parsed, recursive: 'true' });
    let unpinned = unpin.ok;
    if (unpin.ok) await unpin.body?.cancel();
    else {
      const failure = await this.#failure('pin/rm', unpin);
      if (!/not pinned/i.test(failure.details ?? '')) throw failure;
      unpinned = false;
    }
    // Removed now rather than at the next garbage collection. Kubo keeps any block another pin
    // still holds (it answers with an error for that block, which is fine here).
    const removed = await this.#call('block/rm', { arg: parsed, force: 'true', quiet: 'true' }, undefined, children);
    if (!removed.ok) throw await this.#failure('block/rm', removed);
    await removed.text();
    return { erased: true, unpinned };
  }

  /** Kubo's RPC is POST-only (browsers' CSRF protection); arguments go in the query string. */
  async #call(command: string, query: Record<string, string>, body?: FormData, moreArgs: readonly string[] = []): Promise<Response> {
    const params = new URLSearchParams(query);
    for (const arg of moreArgs) params.append('arg', arg);
    const url = `${this.#api}/api/v0/${command}?${params}`;
    try {
      return await this.#fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      throw new BlobStoreUnavailableError(`Kubo at ${this.#api} did not answer ${command}.`, { details: error instanceof Error ? error.message : String(error), cause: error });
    }
  }

  /** Kubo reports errors as `{ Message, Code, Type }` with status 500 (or 400 for bad arguments). */
  async #failure(command: string, response: Response): Promise<BlobStoreUnavailableError> {
    const text = await response.text().catch(() => '');
    let message = text;
    try {
      message = (JSON.parse(text) as { Message?: string }).Message ?? text;
    } catch {
      // not JSON: keep the text
    }
    return new BlobStoreUnavailableError(`Kubo refused ${command} (HTTP ${response.status}).`, { details: message.slice(0, 500) });
  }
}
