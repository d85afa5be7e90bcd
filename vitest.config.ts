import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WxtVitest wires WXT's auto-imports, the `@/` aliases and a fake `browser` (wxt/testing/fake-browser).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}', 'lib/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', '.output/**'],
    environment: 'node',
    // browser.i18n speaks zh_CN from public/_locales (the fake browser leaves it unmocked).
    setupFiles: ['tests/unit/setup.ts'],
    // DOM tests opt in per file with: // @vitest-environment happy-dom
    restoreMocks: true,
  },
});
