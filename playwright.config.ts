import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  PLAYGROUND_PORT,
  PLAYGROUND_URL,
  SANDBOX_PORT,
  SANDBOX_URL,
  STORYBOOK_PORT,
} from './e2e/support/ports';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

/**
 * End-to-end tests in real headless Chromium (Debian's, never a downloaded one) against a
 * REAL sandbox (built, temp SQLite DB, no rate limit, retry delays scaled down) and the BUILT
 * playground server. Build first: `bash scripts/setup.sh` (or `pnpm build`) and
 * `pnpm storybook:build`. See e2e/README.md.
 */
const dbDir = process.env.E2E_DB_DIR ?? mkdtempSync(join(tmpdir(), 'passid-e2e-'));
process.env.E2E_DB_DIR = dbDir;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: PLAYGROUND_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1360, height: 900 },
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      // The sandbox's request log goes to a file the specs read (push.spec.ts: no polls with push).
      command: `node apps/sandbox/dist/main.js > "${join(dbDir, 'sandbox.log')}"`,
      port: SANDBOX_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(SANDBOX_PORT),
        HOST: '127.0.0.1',
        PASSID_SANDBOX_DB: join(dbDir, 'sandbox.db'),
        PASSID_SANDBOX_RATE_LIMIT: '0',
        PASSID_SANDBOX_RETRY_SCALE: '0.001',
      },
    },
    {
      command: 'node scripts/playground.mjs',
      port: PLAYGROUND_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PLAYGROUND_PORT: String(PLAYGROUND_PORT),
        PLAYGROUND_HOST: '127.0.0.1',
        SANDBOX_URL,
      },
    },
    {
      command: `node e2e/support/static-server.mjs storybook-static ${STORYBOOK_PORT}`,
      port: STORYBOOK_PORT,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
