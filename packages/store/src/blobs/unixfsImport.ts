import { importBytes, type ImporterOptions, type WritableStorage } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';

/** 256 KiB: kubo's default chunker, `size-262144`. */
export const KUBO_CHUNK_SIZE = 262_144;
/** Kubo's default (and go-unixfs's historical) width of a balanced DAG node. */
export const KUBO_MAX_LINKS = 174;

/**
 * The import settings of `ipfs add --cid-version 1` on kubo with its default config: raw leaves,
 * 256 KiB fixed chunks, balanced layout of 174 links. Helia's `unixfs.addBytes` gives the same
 * CIDs only for inputs of at most one chunk; its own defaults (1 MiB chunks, 1024 links) differ
 * beyond that, so pass it these options to agree.
 */
export const kuboImporterOptions: ImporterOptions = {
  cidVersion: 1,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  chunker: fixedSize({ chunkSize: KUBO_CHUNK_SIZE }),
  layout: balanced({ maxChildrenPerNode: KUBO_MAX_LINKS }),
};

/** Blocks go nowhere: for naming bytes without storing them. */
const discard: WritableStorage = { put: async (cid) => cid };

/**
 * The CID kubo gives `bytes` (`ipfs add --cid-version 1`), writing blocks to `blockstore` when given.
 *
 * @example
 * await unixfsCid(new Uint8Array()) // 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku'
 */
export async function unixfsCid(bytes: Uint8Array, blockstore: WritableStorage = discard): Promise<string> {
  const { cid } = await importBytes(bytes, blockstore, kuboImporterOptions);
  return cid.toString();
}
