import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

// Cross-origin isolation: later work (threads, SharedArrayBuffer) needs it,
// and every asset is same-origin, so require-corp costs nothing.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The offline app: a service worker precaches every built file (wasm, workers,
 * fonts, sample data), so after one visit the app loads and runs queries with
 * the network off. 'prompt': a new version waits until the user reloads, so an
 * open notebook keeps the code it started with (ui/update-bar.tsx).
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  manifest: {
    name: 'SQL Notebook',
    short_name: 'SQL Notebook',
    description: 'An in-browser SQL notebook: DuckDB and SQLite over your local files, offline.',
    start_url: '.',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#2f6fde',
    icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,css,wasm,ttf,woff,woff2,svg,png,json,csv,sqlite,webmanifest}'],
    // DuckDB's wasm is 34 MB; the default 2 MB limit would leave it out.
    maximumFileSizeToCacheInBytes: 128 * 1024 * 1024,
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
  },
});

export default defineConfig({
  plugins: [preact(), pwa],
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
