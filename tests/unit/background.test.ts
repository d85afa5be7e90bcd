import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background, { handleMessage } from '@/entrypoints/background';
import { MAX_PAGE_TEXT } from '@/utils/background-messages';
import { senderRefusal } from '@/utils/message-sender';

/** fakeBrowser's runtime.id and the origin of its pages. */
const ID = 'test-extension-id';
const ORIGIN = `chrome-extension://${ID}/`;
/** A content script in tab 7 of a county site. */
const contentScript = { id: ID, tab: { id: 7 }, url: 'http://www.shanhe.gov.cn/zfgb/1.html' };
/** The popup (an extension page, not in a tab). */
const popup = { id: ID, url: `${ORIGIN}popup.html` };

describe('background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // fake-browser has no in-memory getManifest.
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Gazette Lens',
      version: '9.8.7',
    });
  });

  it('answers ping from any of its own contexts with ok and the manifest version', async () => {
    expect(await handleMessage({ type: 'ping' }, popup)).toEqual({ ok: true, version: '9.8.7' });
    expect(await handleMessage({ type: 'ping' }, { id: ID })).toEqual({ ok: true, version: '9.8.7' });
  });

  it('runs extract() for the content script', async () => {
    const entities = (await handleMessage(
      { type: 'gl:extract', text: '根据河政办发〔2024〕12号，6月30日前完成。', baseDate: '2024-03-01' },
      contentScript,
    )) as Array<{ kind: string; date?: string }>;
    expect(entities.map((e) => e.kind)).toEqual(['docNumber', 'deadline']);
    expect(entities[1]!.date).toBe('2024-06-30');
  });

  it('refuses malformed and oversized requests (the content script then extracts by itself)', async () => {
    const bad = [
      { type: 'gl:extract', text: 42, baseDate: '2024-03-01' },
      { type: 'gl:extract', text: '6月30日前', baseDate: '2024-02-30' },
      { type: 'gl:extract', text: '6月30日前', baseDate: '2024-03-01', extra: true },
      { type: 'gl:badge', open: -1 },
      { type: 'gl:badge', open: 1.5 },
      { type: 'gl:ics', event: { date: 'soon', summary: 'x', uid: 'x' } },
      { type: 'gl:ics', event: { date: '2030-06-30', summary: 'x'.repeat(2001), uid: 'x' } },
      { type: 'gl:ics', event: { date: '2030-06-30', summary: 'x', uid: '' } },
    ];
    for (const m of bad) expect(await handleMessage(m, contentScript), JSON.stringify(m).slice(0, 80)).toBeUndefined();
  });

  it('does not extract from more than 20 Mi characters of page text', async () => {
    const text = '6月30日前完成。'.repeat(Math.ceil((MAX_PAGE_TEXT + 1) / 9)).slice(0, MAX_PAGE_TEXT + 1);
    expect(await handleMessage({ type: 'gl:extract', text, baseDate: '2024-03-01' }, contentScript)).toBeUndefined();
  }, 20_000);

  it('sets the badge of the sender tab to its number of open deadlines', async () => {
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    expect(await handleMessage({ type: 'gl:badge', open: 2 }, contentScript)).toBe(true);
    expect(await handleMessage({ type: 'gl:badge', open: 0 }, contentScript)).toBe(true);
    expect(setText.mock.calls).toEqual([[{ tabId: 7, text: '2' }], [{ tabId: 7, text: '' }]]);
    // Our popup may ask, but it has no tab to badge.
    expect(await handleMessage({ type: 'gl:badge', open: 2 }, popup)).toBe(false);
  });

  it('builds the .ics of a deadline for the entity card (ical.js stays out of the content script)', async () => {
    const ics = (await handleMessage(
      { type: 'gl:ics', event: { date: '2030-06-30', summary: '期限：报送总结', uid: 'x@gazette-lens' } },
      contentScript,
    )) as string;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('DTSTART;VALUE=DATE:20300630');
  });

  it('refuses every message from another extension, and content-script messages that come neither from a tab nor from its own pages', async () => {
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined);
    const other = { id: 'other-extension', tab: { id: 7 }, url: 'http://www.shanhe.gov.cn/' };
    const noTab = { id: ID, url: 'chrome-extension://other-extension/page.html' };
    const extract = { type: 'gl:extract', text: '6月30日前完成。', baseDate: '2024-03-01' };
    expect(await handleMessage({ type: 'ping' }, other)).toBeUndefined();
    expect(await handleMessage(extract, other)).toBeUndefined();
    expect(await handleMessage(extract, noTab)).toBeUndefined();
    expect(await handleMessage({ type: 'gl:badge', open: 3 }, other)).toBeUndefined();
    expect(await handleMessage({ type: 'gl:ics', event: { date: '2030-06-30', summary: 'x', uid: 'x' } }, noTab)).toBeUndefined();
    expect(await handleMessage({ type: 'gl:notes:list', url: 'http://www.shanhe.gov.cn/' }, other)).toEqual({
      ok: false,
      error: '拒绝：消息不是来自公报透镜本身。',
    });
    expect(await handleMessage({ type: 'gl:notes:list', url: 'http://www.shanhe.gov.cn/' }, noTab)).toMatchObject({ ok: false });
    expect(await handleMessage({ type: 'ping' })).toBeUndefined(); // no sender at all
    expect(setText).not.toHaveBeenCalled();
  });

  it('ignores other messages', async () => {
    expect(await handleMessage({ type: 'other' }, contentScript)).toBeUndefined();
    expect(await handleMessage({ type: 'toString' }, contentScript)).toBeUndefined();
    expect(await handleMessage(null, contentScript)).toBeUndefined();
  });

  it('registers a runtime.onMessage listener that answers the ping', async () => {
    // fakeBrowser has no context menus or commands: stub their registration.
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => {});
    background.main();
    // fakeBrowser.runtime.sendMessage() drops Promise results: trigger the listeners instead.
    const results = await fakeBrowser.runtime.onMessage.trigger({ type: 'ping' }, popup, () => {});
    expect(results).toEqual([{ ok: true, version: '9.8.7' }]);
  });
});

describe('senderRefusal', () => {
  const self = { id: ID, origin: ORIGIN };
  it('accepts content scripts in a tab and our own pages, in or out of a tab', () => {
    expect(senderRefusal(contentScript, self, 'content')).toBeNull();
    expect(senderRefusal(popup, self, 'content')).toBeNull();
    expect(senderRefusal({ ...popup, tab: { id: 9 } }, self, 'content')).toBeNull();
    expect(senderRefusal({ id: ID }, self, 'extension')).toBeNull();
  });
  it('refuses another extension, a missing id, and a tabless sender that is not one of our pages', () => {
    expect(senderRefusal({ ...contentScript, id: 'x' }, self, 'content')).toMatch(/不是来自公报透镜本身/);
    expect(senderRefusal({ tab: { id: 7 } }, self, 'extension')).toMatch(/不是来自公报透镜本身/);
    expect(senderRefusal({ id: ID }, self, 'content')).toMatch(/只能来自网页中的公报透镜/);
    // A look-alike origin (our id as a prefix of a longer host) is not ours.
    expect(senderRefusal({ id: ID, url: `chrome-extension://${ID}x/popup.html` }, self, 'content')).not.toBeNull();
  });
});
