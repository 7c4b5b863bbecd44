import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const require = createRequire(import.meta.url);
// human's main entry is dist/human.node.js; the models sit in ../models. The .wasm files sit beside tfjs-backend-wasm's main entry.
const humanModels = path.join(path.dirname(require.resolve('@vladmandic/human')), '..', 'models');
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
// face-api's weights sit in its package's model/ folder; the engine embeds with faceRecognitionNet (human's faceres is not loaded).
const faceApiModels = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
// antispoof and liveness: served for a service whose anti-spoof policy is on (FACE_ANTISPOOF); fetched only then
const FACE_MODELS = ['blazeface', 'facemesh', 'iris', 'antispoof', 'liveness'];
const FACE_API_MODELS = ['face_recognition_model-weights_manifest.json', 'face_recognition_model.bin'];
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

/**
 * Face login's models and tfjs's WebAssembly files, copied from the npm packages into the build
 * (dist/face/), so the page loads them from its own origin and nothing is fetched from a CDN.
 */
function faceAssets(): Plugin {
  return {
    name: 'identree-face-assets',
    apply: 'build',
    generateBundle() {
      for (const model of FACE_MODELS) {
        for (const ext of ['json', 'bin']) this.emitFile({ type: 'asset', fileName: `face/models/${model}.${ext}`, source: readFileSync(path.join(humanModels, `${model}.${ext}`)) });
      }
      for (const file of FACE_API_MODELS) this.emitFile({ type: 'asset', fileName: `face/models/${file}`, source: readFileSync(path.join(faceApiModels, file)) });
      for (const file of WASM_FILES) this.emitFile({ type: 'asset', fileName: `face/wasm/${file}`, source: readFileSync(path.join(wasmDir, file)) });
    },
  };
}

// Served by the service at /app (WEB_APP_DIR); the API is same-origin, so no URL is baked in.
export default defineConfig({
  base: '/app/',
  plugins: [react(), faceAssets()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
