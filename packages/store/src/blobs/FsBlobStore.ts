import { randomUUID } from 'node:crypto';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import type { WritableStorage } from 'ipfs-unixfs-importer';
import type { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { BlobIntegrityError, NotAFileError } from './errors.js';
import { parseCid } from './parseCid.js';
import type { BlobStore, EraseBlobReturnType } from './types.js';
import { unixfsCid } from './unixfsImport.js';

const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

const concat = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
};

async function collect(bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  if (bytes instanceof Uint8Array) return bytes;
  const chunks: Uint8Array[] = [];
  for await (const chunk of bytes) chunks.push(chunk);
  return concat(chunks);
}

/**
 * The embedded blob store: IPFS blocks as files under `dir`, named by CID, so the CIDs are kubo's
 * and the directory could be imported into a node. Blocks are written to a temporary file and
 * renamed into place, so a reader never sees half a block and concurrent writers of the same
 * bytes (which write the same block) cannot corrupt each other. Every block is re-hashed on read.
 *
 * @example
 * const blobs = new FsBlobStore(path.join(config.dataDir, 'blobs'))
 * const cid = await blobs.put(bytes)
 */
export class FsBlobStore implements BlobStore {
  readonly #dir: string;
  readonly #blockstore: WritableStorage;

  constructor(dir: string) {
    this.#dir = path.resolve(dir);
    this.#blockstore = {
      put: async (cid, bytes) => {
        await this.#writeBlock(cid, await collect(bytes));
        return cid;
      },
    };
  }

  async put(bytes: Uint8Array): Promise<string> {
    // The importer writes every leaf before the node that links to it, so the root block's presence means the whole file is there.
    return unixfsCid(bytes, this.#blockstore);
  }

  async get(cid: string): Promise<Uint8Array | null> {
    const root = parseCid(cid).toV1();
    if (!FsBlobStore.#supported(root)) return null;
    const block = await this.#readBlock(root);
    if (!block) return null;
    return concat(await this.#fileChunks(root, block, root.toString()));
  }

  async has(cid: string): Promise<boolean> {
    const root = parseCid(cid).toV1();
    if (!FsBlobStore.#supported(root)) return false;
    return access(this.#blockPath(root)).then(
      () => true,
      () => false,
    );
  }

  /**
   * Deletes the file's blocks, the root last, so a reader sees the whole file or nothing. A leaf
   * block equal byte for byte to a 256 KiB chunk of another stored file would go with it; the
   * service stores ciphertexts under fresh keys, whose chunks do not repeat.
   */
  async erase(cid: string): Promise<EraseBlobReturnType> {
    const root = parseCid(cid).toV1();
    if (!FsBlobStore.#supported(root)) return { erased: false, unpinned: false };
    const block = await this.#readBlock(root);
    if (!block) return { erased: false, unpinned: false };
    const below: CID[] = [];
    const walk = async (node: CID, bytes: Uint8Array) => {
      if (node.code !== dagPb.code) return;
      for (const link of dagPb.decode(bytes).Links) {
        const child = link.Hash.toV1();
        below.push(child);
        const childBlock = FsBlobStore.#supported(child) ? await this.#readBlock(child) : null;
        if (childBlock) await walk(child, childBlock);
      }
    };
    await walk(root, block);
    for (const child of below) await rm(this.#blockPath(child), { force: true });
    await rm(this.#blockPath(root), { force: true });
    return { erased: true, unpinned: false };
  }

  /** Only what `put` writes: sha2-256 raw leaves and dag-pb nodes. */
  static #supported(cid: CID) {
    return cid.multihash.code === sha256.code && (cid.code === raw.code || cid.code === dagPb.code);
  }

  /** Kubo's flatfs layout (`next-to-last/2`): spreads blocks over subdirectories so none grows huge. */
  #blockPath(cid: CID) {
    const key = cid.toString();
    return path.join(this.#dir, 'blocks', key.slice(-3, -1), key);
  }

  async #writeBlock(cid: CID, bytes: Uint8Array) {
    const file = this.#blockPath(cid);
    const exists = await access(file).then(
      () => true,
      () => false,
    );
    if (exists) return; // content-addressed: the same name holds the same bytes
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async #readBlock(cid: CID): Promise<Uint8Array | null> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.#blockPath(cid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const digest = await sha256.digest(bytes);
    if (!equalBytes(digest.bytes, cid.multihash.bytes)) throw new BlobIntegrityError(cid.toString(), 'a block does not hash to its name');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The file's bytes below `cid`, in order: a raw leaf is its bytes; a dag-pb file node is its own data, then its links', and must add up to the size it records. */
  async #fileChunks(cid: CID, block: Uint8Array, root: string): Promise<Uint8Array[]> {
    if (cid.code === raw.code) return [block];
    // The block hashes to its CID (checked on read), so bytes that do not decode were stored under
    // that CID on purpose: the CID names something other than a file, not a damaged one.
    let node: dagPb.PBNode;
    let unixfs: UnixFS | undefined;
    try {
      node = dagPb.decode(block);
      unixfs = node.Data && UnixFS.unmarshal(node.Data);
    } catch (error) {
      throw new NotAFileError(root, `a block that is not UnixFS (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!unixfs) throw new NotAFileError(root, 'a dag-pb node without UnixFS data');
    if (unixfs.type !== 'file' && unixfs.type !== 'raw') throw new NotAFileError(root, `a UnixFS ${unixfs.type}`);
    const children = await Promise.all(
      node.Links.map(async (link) => {
        const child = link.Hash.toV1();
        if (!FsBlobStore.#supported(child)) throw new NotAFileError(root, `linked to a ${child.code.toString(16)} block`);
        const childBlock = await this.#readBlock(child);
        if (!childBlock) throw new BlobIntegrityError(root, `block ${child} is missing`);
        return this.#fileChunks(child, childBlock, root);
      }),
    );
    const chunks = [...(unixfs.data ? [unixfs.data] : []), ...children.flat()];
    const length = chunks.reduce((n, c) => n + c.length, 0);
    if (BigInt(length) !== unixfs.fileSize()) throw new BlobIntegrityError(root, `a node holds ${length} bytes where its UnixFS data says ${unixfs.fileSize()}`);
    return chunks;
  }
}
