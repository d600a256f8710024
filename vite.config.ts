import { defineConfig, type Plugin } from 'vitest/config';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, securityHeaders } from './src/security/csp';

/**
 * Every response of the dev and preview servers carries the app's security headers
 * (src/security/csp.ts): the Content-Security-Policy, which a worker takes from its own response,
 * and cross-origin isolation for DuckDB's threads. The built page also carries the policy in a
 * `<meta>` tag, for hosts that send no headers before the service worker has installed.
 */
function securityHeadersPlugin(): Plugin {
  const middleware =
    (dev: boolean) =>
    (req: { url?: string }, res: { setHeader(name: string, value: string): void }, next: () => void) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      for (const [name, value] of Object.entries(securityHeaders(url.pathname, url.search, dev)))
        res.setHeader(name, value);
      next();
    };
  return {
    name: 'sql-notebook:security-headers',
    configureServer: (server) => void server.middlewares.use(middleware(true)),
    configurePreviewServer: (server) => void server.middlewares.use(middleware(false)),
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) =>
        ctx.server
          ? html
          : html.replace(
              '<meta charset="UTF-8" />',
              `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`,
            ),
    },
  };
}

/**
 * The offline app: a service worker (src/sw.ts) precaches every built file (workers, fonts, sample
 * data) but DuckDB's two wasm builds, which it keeps when first fetched, so after one visit the app
 * loads and runs queries with the network off; it sets the security headers on what it serves. 'prompt': a new version waits until the user reloads,
 * so an open notebook keeps the code it started with (ui/update-bar.tsx).
 */
const pwa = VitePWA({
  registerType: 'prompt',
  injectRegister: false,
  strategies: 'injectManifest',
  srcDir: 'src',
  filename: 'sw.ts',
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
  injectManifest: {
    globPatterns: ['**/*.{html,js,css,wasm,ttf,woff,woff2,svg,png,json,csv,sqlite,webmanifest}'],
    // DuckDB's wasm is 34 MB; the default 2 MB limit would leave it out of the list, where src/sw.ts
    // finds the current builds' URLs (it does not precache them).
    maximumFileSizeToCacheInBytes: 128 * 1024 * 1024,
  },
});

export default defineConfig({
  plugins: [securityHeadersPlugin(), preact(), pwa],
  worker: { format: 'es' },
  // sql.js is CommonJS: pre-bundle it so the dev server does not discover it late and reload mid-start.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'], include: ['sql.js'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
