/**
 * The blob port: immutable bytes named by their IPFS CID, so a blob written by the embedded store
 * has the same name on a kubo node (and can be moved there) and anyone can check it by re-hashing.
 *
 * @example
 * const cid = await blobs.put(new TextEncoder().encode('hello world'))
 * // 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e'
 * const bytes = await blobs.get(cid)
 */
export type BlobStore = {
  /** Stores `bytes` and returns their CIDv1, the one `ipfs add --cid-version 1` gives. Idempotent. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes, or null when this store does not have them. Throws `InvalidCidError` for a malformed CID. */
  get(cid: string): Promise<Uint8Array | null>;
  /** Whether `get` would find the bytes. Throws `InvalidCidError` for a malformed CID. */
  has(cid: string): Promise<boolean>;
  /**
   * Removes the blob, for a retention policy or a holder's erasure request: afterwards `get` is null
   * and `has` false. On kubo the pin goes first (so garbage collection may take the blocks), then
   * the blocks. Throws `InvalidCidError` for a malformed CID.
   */
  erase(cid: string): Promise<EraseBlobReturnType>;
};

/** `erased`: the blob was there and is gone; `unpinned`: a pin on it was removed (kubo only). */
export type EraseBlobReturnType = { erased: boolean; unpinned: boolean };
