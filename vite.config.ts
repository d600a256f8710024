import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Cross-origin isolation: later work (threads, SharedArrayBuffer) needs it,
// and every asset is same-origin, so require-corp costs nothing.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [preact()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  // sql.js is CommonJS: pre-bundle it so the dev server does not discover it late and reload mid-start.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'], include: ['sql.js'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
