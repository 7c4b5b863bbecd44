import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaceModelLoadError } from '../errors.js';

type WeightsManifest = { paths: string[]; weights: unknown[] }[];
type TfIo = {
  registerLoadRouter(router: (url: string | string[]) => { load(): Promise<unknown> } | null): void;
  getModelArtifactsForJSON(json: unknown, loadWeights: (m: WeightsManifest) => Promise<[unknown[], ArrayBuffer]>): Promise<unknown>;
};

const allowedRoots = new WeakMap<TfIo, Set<string>>();

/**
 * Makes tfjs read `file://` model URLs from disk. The WebAssembly build of human loads models through
 * `fetch`, and Node's fetch has no `file:` scheme; this router answers first, and refuses any model
 * outside `modelDir`, so no model is ever fetched over the network.
 */
export function registerDiskModelLoader(io: TfIo, modelDir: string) {
  // tfjs refuses a URL that two routers answer, so each tfjs instance gets one router and a list of folders.
  const roots = allowedRoots.get(io);
  if (roots) return void roots.add(path.resolve(modelDir) + path.sep);
  allowedRoots.set(io, new Set([path.resolve(modelDir) + path.sep]));
  io.registerLoadRouter((url) => {
    if (typeof url !== 'string') return null;
    if (!url.startsWith('file://')) {
      return { load: () => Promise.reject(new FaceModelLoadError(url, 'only models on disk are loaded; nothing is fetched over the network')) };
    }
    return {
      async load() {
        const file = fileURLToPath(url);
        if (![...allowedRoots.get(io)!].some((root) => file.startsWith(root))) throw new FaceModelLoadError(url, 'it is outside the model folders');
        try {
          const json = JSON.parse(await readFile(file, 'utf8'));
          return await io.getModelArtifactsForJSON(json, async (manifest) => {
            const parts = await Promise.all(manifest.flatMap((group) => group.paths).map((p) => readFile(path.join(path.dirname(file), p))));
            const weights = Buffer.concat(parts);
            return [manifest.flatMap((group) => group.weights), weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)];
          });
        } catch (error) {
          throw new FaceModelLoadError(url, 'reading it from disk failed', error);
        }
      },
    };
  });
}
