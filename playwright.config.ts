import { defineConfig, devices } from '@playwright/test';
import { launchOptions } from './tests/e2e/support/browser';

// E2E_PORT and E2E_DIST let a second suite run beside another preview server or build.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_DIST ? ` --outDir ${JSON.stringify(process.env.E2E_DIST)}` : '';
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Not 'test-results' itself: Playwright empties its outputDir on start, and .ci/run keeps unit.json there.
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The CI machine has two cores; each test starts its own DuckDB-Wasm (34 MB).
  workers: 2,
  // DuckDB-Wasm takes 1-3 s to start, longer on a busy machine.
  timeout: 60_000,
  expect: { timeout: 20_000 },
  globalTimeout: 30 * 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    // The offline app's service worker would precache ~11 MB in every fresh context; only the PWA spec wants it.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: launchOptions(),
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort${outDir}`,
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
