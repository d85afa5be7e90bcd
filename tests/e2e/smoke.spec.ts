import { expect, test } from './fixtures';

test.describe('smoke', () => {
  test('background answers ping with the manifest version', async ({ ext }) => {
    if (ext.name === 'chromium') expect(ext.extensionOrigin).toMatch(/^chrome-extension:\/\/[a-p]{32}$/);
    else expect(ext.extensionOrigin).toMatch(/^moz-extension:\/\/[0-9a-f-]{36}$/);

    const page = await ext.openExtensionPage('popup.html');
    const result = await page.evaluate(async () => {
      type Api = { runtime: { sendMessage(m: unknown): Promise<unknown>; getManifest(): { version: string } } };
      const g = globalThis as unknown as { browser?: Api; chrome?: Api };
      const api = (g.browser ?? g.chrome)!;
      const reply = await api.runtime.sendMessage({ type: 'ping' });
      return { reply, version: api.runtime.getManifest().version };
    });
    expect(result.reply).toEqual({ ok: true, version: result.version });
    expect(result.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('popup renders, and says when its tab has no content script', async ({ ext }) => {
    const page = await ext.openExtensionPage('popup.html');
    expect(await page.url()).toBe(`${ext.extensionOrigin}/popup.html`);
    await page.waitForText('h1', '公报透镜');
    // Opened as a tab, the popup's active tab is itself: an extension page without a content script.
    await page.waitForText('[data-testid="popup-status"]', '本页没有运行公报透镜');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  test('a *.gov.cn page loads from the test server and gets the content script', async ({ ext, server }) => {
    const page = await ext.newPage();
    await page.goto(server.url('/'));
    await page.waitForText('h1', '西安县人民政府办公室');
    expect(server.requests).toContainEqual(expect.objectContaining({ host: 'sample.xian.gov.cn', path: '/' }));
    expect(await page.evaluate(() => document.characterSet)).toBe('UTF-8');

    const origins = await ext.contentScriptOrigins(page);
    if (origins !== null) expect(origins).toContain(ext.extensionOrigin);
    else test.info().annotations.push({ type: 'note', description: `${ext.name}: content-script worlds not observable` });

    // The content script must leave the page untouched (this sample is too thin to be highlighted).
    expect(await page.evaluate(() => Object.keys(document.documentElement.dataset))).toEqual([]);

    // ...and it is not injected outside *.gov.cn.
    const other = await ext.newPage();
    await other.goto(server.url('/', '127.0.0.1'));
    await other.waitForText('h1', '西安县人民政府办公室');
    const otherOrigins = await ext.contentScriptOrigins(other);
    if (otherOrigins !== null) expect(otherOrigins).not.toContain(ext.extensionOrigin);
  });
});
