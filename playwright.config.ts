/**
 * End-to-end journeys in headless Chromium (Debian's /usr/bin/chromium — never run
 * `npx playwright install`) against the built app served by the real server in demo mode.
 * Build first: `npm run build`. Screenshots for the README: `RPB_SCREENSHOTS=1 npx playwright test`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = 3199;
const baseURL = `http://127.0.0.1:${PORT}`;
const screenshots = process.env['RPB_SCREENSHOTS'] === '1';

/**
 * A fresh data directory per run, so every run starts from the demo seed. Playwright loads this
 * file in the runner and again in each worker: the runner creates the directory and hands it to
 * the workers through the environment; it deletes it when it exits (after the server stopped).
 */
function freshDataDir(): string {
  const inherited = process.env['RPB_E2E_DATA_DIR'];
  if (inherited) return inherited;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-e2e-'));
  process.env['RPB_E2E_DATA_DIR'] = dir;
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const dataDir = freshDataDir();

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  // Screenshots rewrite files under docs/: only when asked, never as part of the suite.
  testIgnore: screenshots ? [] : ['**/screenshots.e2e.ts'],
  // One server with one embedded database (PGlite serialises queries) on a 2-core machine:
  // one worker is as fast as two and keeps the journeys independent of each other's timing.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    headless: true,
    // Deliberately not an Indonesian zone: pages must show times in the site's zone.
    timezoneId: 'America/New_York',
    locale: 'id-ID',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'node bin/rpb.js serve',
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets the server close the embedded database before its directory is deleted.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      RPB_DEMO: '1',
      RPB_DATA_DIR: dataDir,
      RPB_LOG_LEVEL: 'warn',
      // Every journey logs in from 127.0.0.1; the production limit (20/min) would throttle them.
      RPB_LOGIN_RATE_LIMIT: '1000',
    },
  },
});
