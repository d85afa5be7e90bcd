/**
 * `npm start`: build the Chrome extension, serve the bundled sample county site
 * (tests/e2e/pages/, invented 山河县 pages) on 127.0.0.1, and open Chromium with the extension
 * loaded on the sample 通知, every *.gov.cn host resolved to the local server.
 * Without a display it prints how to do the same by hand.
 *
 *   npm start                 # CHROMIUM_PATH=/path/to/chrome to use another Chrome
 *   PORT=8787 npm start
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/fixtures/server';

const root = fileURLToPath(new URL('..', import.meta.url));
const extDir = join(root, '.output/chrome-mv3');
const samplePath = '/shanhe/zfgb/2024/hzbf-12.html';

function findChrome(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p)) ?? null;
}

const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;

console.log('building the Chrome extension (wxt build)…');
const build = spawnSync(join(root, 'node_modules/.bin/wxt'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const port = Number(process.env.PORT) || 8787;
const server = await startServer(undefined, port);
const url = `http://www.shanhe.gov.cn:${server.port}${samplePath}`;
const chrome = findChrome();
const flags = [
  `--load-extension=${extDir}`,
  `--disable-extensions-except=${extDir}`,
  `--host-resolver-rules=MAP *.gov.cn 127.0.0.1`,
  '--no-first-run',
  '--no-default-browser-check',
];

if (!hasDisplay || !chrome || process.argv.includes('--no-browser')) {
  console.log(`
${!chrome ? 'No Chromium or Chrome found (set CHROMIUM_PATH).' : !hasDisplay ? 'No display: not opening a browser.' : ''}
The sample county site is served at http://127.0.0.1:${server.port}${samplePath}
To see the extension work, either:
  - start Chromium/Chrome yourself with these flags, then open ${url}
      ${chrome ?? 'chromium'} --user-data-dir=$(mktemp -d) ${flags.map((f) => (f.includes(' ') ? `'${f}'` : f)).join(' ')}
  - or load it by hand: chrome://extensions → Developer mode → Load unpacked → ${extDir}
    (it runs on *.gov.cn pages; the local sample needs the --host-resolver-rules flag above).
Press Ctrl+C to stop the server.`);
} else {
  const profile = mkdtempSync(join(tmpdir(), 'gazette-lens-'));
  console.log(`opening ${url} in ${chrome}`);
  const child = spawn(chrome, [`--user-data-dir=${profile}`, ...flags, url], { stdio: 'ignore' });
  child.on('exit', async (code) => {
    rmSync(profile, { recursive: true, force: true });
    await server.close();
    if (code) {
      console.error(
        `${chrome} exited with code ${code}. Without a usable display, run \`npm start -- --no-browser\` for the manual steps.`,
      );
    }
    process.exit(code ?? 0);
  });
}
process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
