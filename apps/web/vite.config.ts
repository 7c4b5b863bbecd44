import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the service at /app (WEB_APP_DIR); the API is same-origin, so no URL is baked in.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
