import type { FaceEngine } from '@identree/biometrics/browser';

const loading = new Map<boolean, Promise<FaceEngine>>();

/**
 * The face engine, loaded on first use: human, face-api and their tfjs (2.9 MB) come in their own chunk, the models and
 * the .wasm files from this app's own origin (dist/face/, copied from the npm packages at build).
 * With `spoofGate` (a challenge that carries the service's anti-spoof policy) it also loads human's antispoof and
 * liveness models; only then, so a service with the policy off never has them fetched.
 * Once loaded it stays for the page's life; a failed load is retried on the next call.
 */
export function loadFaceEngine({ spoofGate = false }: { spoofGate?: boolean } = {}): Promise<FaceEngine> {
  let engine = loading.get(spoofGate);
  if (!engine) {
    engine = import('@identree/biometrics/human-browser')
      .then(({ createBrowserHumanEngine }) => {
        // the app is served at /app/ (vite.config.ts base); dist/face/ sits beside its index.html
        const base = new URL('/app/face/', window.location.origin).href;
        return createBrowserHumanEngine({ modelBasePath: `${base}models/`, wasmPath: `${base}wasm/`, spoofGate });
      })
      .catch((error: unknown) => {
        loading.delete(spoofGate);
        throw error;
      });
    loading.set(spoofGate, engine);
  }
  return engine;
}
