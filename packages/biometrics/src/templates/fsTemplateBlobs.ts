import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FsBlobStore, parseCid } from '@identree/store/blobs';
import type { TemplateBlobStore } from './types.js';

const RAW_CODEC = 0x55;

/**
 * The embedded blob store (kubo's flatfs layout under `dir`) with erasure. A sealed template is about
 * 4 KiB, one raw IPFS block, so erasing it is deleting that block's file.
 *
 * @example
 * const blobs = fsTemplateBlobs(path.join(dataDir, 'blobs'))
 */
export function fsTemplateBlobs(dir: string): TemplateBlobStore {
  const store = new FsBlobStore(dir);
  return {
    put: (bytes) => store.put(bytes),
    get: (cid) => store.get(cid),
    async remove(cid) {
      const root = parseCid(cid).toV1();
      if (root.code !== RAW_CODEC) throw new Error(`${cid} is not a single raw block; face templates always are`);
      const key = root.toString();
      // FsBlobStore's layout: blocks/<next-to-last two characters>/<cid>
      await rm(path.join(path.resolve(dir), 'blocks', key.slice(-3, -1), key), { force: true });
    },
  };
}
