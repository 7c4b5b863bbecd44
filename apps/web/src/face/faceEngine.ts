import type { FaceEngine } from '@identree/biometrics/browser';

let loading: Promise<FaceEngine> | null = null;

/**
 * The face engine, loaded on first use: human, face-api and their tfjs (2.9 MB) come in their own chunk, the models and
 * the .wasm files from this app's own origin (dist/face/, copied from the npm packages at build).
 * Once loaded it stays for the page's life; a failed load is retried on the next call.
 */
export function loadFaceEngine(): Promise<FaceEngine> {
  loading ??= import('@identree/biometrics/human-browser')
    .then(({ createBrowserHumanEngine }) => {
      // the app is served at /app/ (vite.config.ts base); dist/face/ sits beside its index.html
      const base = new URL('/app/face/', window.location.origin).href;
      return createBrowserHumanEngine({ modelBasePath: `${base}models/`, wasmPath: `${base}wasm/` });
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
