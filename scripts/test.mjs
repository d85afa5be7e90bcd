#!/usr/bin/env node
// `npm test`: preflight (browsers) → typecheck → Vitest → build both targets → Playwright e2e.
// Streams each runner's own output, then prints, as the very last line, the summed counts:
//   N passed, N failed, N skipped
// Exits non-zero if any test failed or any stage errored. Stages after a failure still run when
// they can (a red unit test does not hide e2e results); e2e is skipped only if the build failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const outDir = join(root, 'test-results');
// The l10n packages make both browsers Chinese (the e2e harness asks for zh-CN), so the extension
// speaks its default locale, zh_CN, as the specs expect; without them the browsers fall back to English.
const LANGUAGE_PACKS = ['chromium-l10n', 'firefox-esr-l10n-zh-cn'];
const APT_PACKAGES = ['chromium', 'firefox-esr', 'fonts-noto-cjk', ...LANGUAGE_PACKS];
const APT_COMMAND = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;

const totals = { passed: 0, failed: 0, skipped: 0 };
const stageErrors = [];

function banner(title) {
  console.log(`\n=== ${title} ===`);
}

function run(cmd, args, env = {}) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const code = res.error ? `${res.error.message}` : (res.status ?? `signal ${res.signal}`);
  console.log(`--- ${[cmd.replace(root, ''), ...args].join(' ')}: exit ${code} in ${secs}s`);
  return res.status === 0 && !res.error;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function finish() {
  if (stageErrors.length) console.log(`stage errors: ${stageErrors.join('; ')}`);
  const ok = totals.failed === 0 && stageErrors.length === 0;
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

// (a) preflight -------------------------------------------------------------------------------
banner('preflight');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const aptInstalled = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');
const hasDpkg = spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status === 0;
const missingBrowsers = [chromiumPath, firefoxPath].filter((p) => !existsSync(p));
const missingFonts = hasDpkg && !aptInstalled('fonts-noto-cjk');
const missingPacks = hasDpkg ? LANGUAGE_PACKS.filter((p) => !aptInstalled(p)) : [];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

if (missingBrowsers.length || missingFonts || missingPacks.length) {
  const what = [...missingBrowsers, ...(missingFonts ? ['fonts-noto-cjk'] : []), ...missingPacks].join(', ');
  if (isRoot && hasDpkg) {
    console.log(`missing: ${what}; installing with apt`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (!run('apt-get', ['update'], env) || !run('apt-get', ['install', '-y', ...APT_PACKAGES], env)) {
      console.error(`apt-get failed; run by hand: ${APT_COMMAND}`);
      process.exit(2);
    }
  } else if (missingBrowsers.length || missingPacks.length) {
    console.error(`missing: ${what}`);
    console.error(`install them (as root): sudo ${APT_COMMAND}`);
    console.error('or point CHROMIUM_PATH / FIREFOX_PATH at existing binaries.');
    process.exit(2);
  } else {
    console.warn(`warning: fonts-noto-cjk is not installed; Chinese renders as boxes in screenshots (sudo ${APT_COMMAND})`);
  }
}
for (const p of [chromiumPath, firefoxPath]) {
  if (!existsSync(p)) {
    console.error(`still missing after install: ${p}`);
    process.exit(2);
  }
}
console.log(`chromium: ${chromiumPath}\nfirefox:  ${firefoxPath}`);

mkdirSync(outDir, { recursive: true });

// typecheck ------------------------------------------------------------------------------------
banner('typecheck (tsc --noEmit)');
if (!run(bin('tsc'), ['--noEmit'])) stageErrors.push('typecheck');

// lint: TypeScript rules and no HTML parsing of strings (eslint.config.js) ------------------------
banner('lint (eslint) and format (prettier --check)');
if (!run(bin('eslint'), ['.', '--max-warnings=0'])) stageErrors.push('lint');
if (!run(bin('prettier'), ['--check', '.'])) stageErrors.push('format (run `npm run format`)');

// (b) unit tests ---------------------------------------------------------------------------------
banner('unit tests (vitest)');
const vitestJson = join(outDir, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestOk = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vj = readJson(vitestJson);
if (vj) {
  totals.passed += vj.numPassedTests ?? 0;
  totals.failed += vj.numFailedTests ?? 0;
  totals.skipped += (vj.numPendingTests ?? 0) + (vj.numTodoTests ?? 0);
  if (!vitestOk && !vj.numFailedTests) stageErrors.push('vitest (errored outside tests)');
} else {
  stageErrors.push('vitest (no JSON report)');
}

// (c) build both targets -------------------------------------------------------------------------
banner('build (wxt build, wxt build -b firefox)');
const buildOk = run(bin('wxt'), ['build']) && run(bin('wxt'), ['build', '-b', 'firefox']);
if (!buildOk) {
  stageErrors.push('build');
  console.log('build failed: e2e tests skipped');
  finish();
}

// web-ext lint of the Firefox build: AMO's own checks, 0 errors (warnings are explained in the README).
banner('web-ext lint (firefox build)');
if (!run(bin('web-ext'), ['lint', '--source-dir', '.output/firefox-mv2', '--self-hosted'])) stageErrors.push('web-ext lint');

// (d) e2e ------------------------------------------------------------------------------------------
banner('e2e (playwright: chromium + firefox-esr)');
const pwJson = join(outDir, 'playwright.json');
rmSync(pwJson, { force: true });
const pwOk = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
const pj = readJson(pwJson);
if (pj?.stats) {
  const s = pj.stats;
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
  if (!pwOk && !s.unexpected) stageErrors.push('playwright (errored outside tests)');
  if ((pj.errors ?? []).length && !stageErrors.includes('playwright (errored outside tests)')) {
    stageErrors.push(`playwright (${pj.errors.length} global error(s))`);
  }
} else {
  stageErrors.push('playwright (no JSON report)');
}

finish();
