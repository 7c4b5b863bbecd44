// Off-chain publication of a batch's leaf hashes: the same bytes an anchor would carry in calldata
// (`size` × 32, in index order), stored as an IPFS file so its name is its content.
import { makeMerkleTree } from '@openzeppelin/merkle-tree/dist/core.js';
// The identity service's embedded blob store: kubo's CIDs (`ipfs add --cid-version 1`) and its
// flatfs block layout, every block re-hashed on read. The service declares no entry point, so this
// is a path import; it moves to the service's exports once it has some.
import { FsBlobStore } from '@identree/store/blobs';
import { hashPair, IdentreeError } from '@identree/sdk';
import { hexToBytes, type Hash, type Hex } from 'viem';

/** The published leaves do not rebuild the anchored root, or are missing or of the wrong length. */
export class BatchLeavesMismatchError extends IdentreeError {
  override name = 'BatchLeavesMismatchError';
  constructor(readonly cid: string, problem: string) {
    super(`The leaves in ${cid} do not match the anchored batch: ${problem}.`);
  }
}

/** A directory of IPFS blocks holding batch leaves. */
export function leavesStore(dir: string): FsBlobStore {
  return new FsBlobStore(dir);
}

/**
 * Writes a batch's leaves (`buildIdentityBatch(...).leaves`) as a blob and returns its CIDv1.
 *
 * @example
 * const cid = await storeBatchLeaves(leavesStore(dir), batch.leaves) // 'bafybei…'
 */
export function storeBatchLeaves(store: FsBlobStore, leaves: Hex): Promise<string> {
  return store.put(hexToBytes(leaves));
}

/**
 * Reads the blob `cid` from `store` and checks it is the leaf list of an anchored batch: `size`
 * leaves whose tree (StandardMerkleTree's: leaves sorted, then OpenZeppelin's makeMerkleTree with
 * sorted-pair keccak nodes, what the registry's proofs verify against) has root `root`. This is what
 * anyone holding the blob can do, with nothing from the issuer but the CID. Throws
 * `BatchLeavesMismatchError`, or the store's `BlobIntegrityError` when a block was altered on disk.
 *
 * @example
 * const { root, size } = await getIdentityBatch(client, { registry, batchId })
 * await checkBatchLeaves(leavesStore(dir), { cid, root, size })
 */
export async function checkBatchLeaves(store: FsBlobStore, { cid, root, size }: { cid: string; root: Hash; size: number }): Promise<void> {
  const bytes = await store.get(cid);
  if (!bytes) throw new BatchLeavesMismatchError(cid, 'the blob is not in the store');
  if (bytes.length !== size * 32) throw new BatchLeavesMismatchError(cid, `${bytes.length} bytes, where ${size} leaves take ${size * 32}`);
  // SimpleMerkleTree.of builds the same tree but compares hex strings to sort: seconds per batch, not milliseconds.
  const leaves = Array.from({ length: size }, (_, i) => bytes.subarray(i * 32, (i + 1) * 32)).sort(Buffer.compare);
  const rebuilt = makeMerkleTree(leaves, hashPair)[0];
  if (rebuilt.toLowerCase() !== root.toLowerCase()) throw new BatchLeavesMismatchError(cid, `they rebuild root ${rebuilt}, the chain holds ${root}`);
}
