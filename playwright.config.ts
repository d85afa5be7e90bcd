import { defineConfig } from '@playwright/test';
import type { WorkerFixtures } from './tests/e2e/fixtures';

/**
 * E2E tests run against the built extension (.output/, `npm run build`) in apt's browsers:
 * project "chromium" drives /usr/bin/chromium with Playwright, project "firefox" drives
 * /usr/bin/firefox-esr with puppeteer-core (see tests/e2e/fixtures/harness.ts).
 */
export default defineConfig<object, WorkerFixtures>({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // 2-core machines: one browser at a time.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['github']] : [['list']],
  projects: [
    { name: 'chromium', use: { extBrowser: 'chromium' } },
    { name: 'firefox', use: { extBrowser: 'firefox' } },
  ],
});
