import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background, { handleMessage } from '@/entrypoints/background';

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

  it('answers ping with ok and the manifest version', async () => {
    expect(await handleMessage({ type: 'ping' })).toEqual({ ok: true, version: '9.8.7' });
  });

  it('runs extract() for the content script', async () => {
    const entities = (await handleMessage({ type: 'gl:extract', text: '根据河政办发〔2024〕12号，6月30日前完成。', baseDate: '2024-03-01' })) as Array<{ kind: string; date?: string }>;
    expect(entities.map((e) => e.kind)).toEqual(['docNumber', 'deadline']);
    expect(entities[1]!.date).toBe('2024-06-30');
    expect(await handleMessage({ type: 'gl:extract', text: 42 })).toBeUndefined();
  });

  it('sets the badge of the sender tab to its number of open deadlines', async () => {
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    expect(await handleMessage({ type: 'gl:badge', open: 2 }, { tab: { id: 7 } })).toBe(true);
    expect(await handleMessage({ type: 'gl:badge', open: 0 }, { tab: { id: 7 } })).toBe(true);
    expect(setText.mock.calls).toEqual([[{ tabId: 7, text: '2' }], [{ tabId: 7, text: '' }]]);
    expect(await handleMessage({ type: 'gl:badge', open: 2 }, {})).toBe(false);
    expect(await handleMessage({ type: 'gl:badge', open: -1 }, { tab: { id: 7 } })).toBeUndefined();
  });

  it('builds the .ics of a deadline for the entity card (ical.js stays out of the content script)', async () => {
    const ics = (await handleMessage({ type: 'gl:ics', event: { date: '2030-06-30', summary: '期限：报送总结', uid: 'x@gazette-lens' } })) as string;
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics).toContain('DTSTART;VALUE=DATE:20300630');
    expect(await handleMessage({ type: 'gl:ics', event: { date: 'soon', summary: 'x', uid: 'x' } })).toBeUndefined();
  });

  it('ignores other messages', async () => {
    expect(await handleMessage({ type: 'other' })).toBeUndefined();
    expect(await handleMessage(null)).toBeUndefined();
  });

  it('registers a runtime.onMessage listener that resolves the ping', async () => {
    // fakeBrowser has no context menus or commands: stub their registration.
    vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => {});
    background.main();
    // fakeBrowser.runtime.sendMessage() drops Promise results: trigger the listeners instead.
    const results = await fakeBrowser.runtime.onMessage.trigger({ type: 'ping' }, {}, () => {});
    expect(results).toEqual([{ ok: true, version: '9.8.7' }]);
  });
});
