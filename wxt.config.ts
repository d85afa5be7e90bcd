import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Gecko id of the Firefox add-on; tests map it to a fixed moz-extension:// uuid. */
export const GECKO_ID = 'gazette-lens@example.org';

// See https://wxt.dev/api/config.html — srcDir is the repo root (default).
export default defineConfig({
  // No auto-imports (WXT would make every export of components/ and utils/ a global name):
  // every import of ours is explicit, so no bundle pulls in a module by a name it happens to use.
  imports: false,
  // JSX itself is compiled by esbuild/oxc via tsconfig (jsxImportSource: preact);
  // the preset only adds prefresh HMR for `wxt dev`.
  vite: () => ({
    plugins: [preact()],
    // Each module of an extension page is a request to the browser before its script runs (~10 ms
    // apiece on this machine): the pages' shared code (Preact, utils, the note model) goes into one
    // chunk, so the popup loads three modules instead of four. Both browsers have modulepreload.
    build: {
      modulePreload: { polyfill: false },
      rolldownOptions: {
        output: {
          advancedChunks: {
            groups: [
              {
                name: 'shared',
                test: /node_modules[\\/]preact|[\\/]utils[\\/]|[\\/]lib[\\/]notes[\\/]note\.ts|[\\/]storage[\\/]persist\.ts|[\\/]dom[\\/]summary\.ts|wxt-html-plugins/,
              },
            ],
          },
        },
      },
    },
  }),
  manifest: ({ browser }) => ({
    // Words come from public/_locales/<lang>/messages.json (zh_CN first; en); see utils/i18n.ts.
    default_locale: 'zh_CN',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // activeTab + scripting: the popup's "标注此页" injects the content script into the current tab
    // on demand, so no host permission beyond the *.gov.cn content-script match is needed.
    // contextMenus: 添加批注 on a selection.
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus'],
    // Extension pages (popup, options, notes manager) run only our bundled scripts: no inline or
    // remote code, no plugins, no <base> rewriting, and no page may frame them. WXT writes this
    // object as the MV2 string for Firefox, and `wxt dev` adds its dev server to script-src.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    commands: {
      'add-note': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_cmdAddNote__',
      },
      // The popup by keyboard (Chrome MV3 names it _execute_action, Firefox MV2 _execute_browser_action).
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+G' },
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions is known to Firefox for Android from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: [
      'test-results/**',
      'playwright-report/**',
      'blob-report/**',
      'coverage/**',
      '.output/**',
      '.wxt/**',
      '.ci/**',
      '**/*.log',
    ],
  },
});
