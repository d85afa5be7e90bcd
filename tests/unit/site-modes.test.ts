import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getSiteMode, getSiteModes, lensModeFor, setSiteMode } from '@/utils/site-modes';

describe('per-site lists', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores always/never per host and forgets with null', async () => {
    expect(await getSiteMode('www.shanhe.gov.cn')).toBeNull();
    await setSiteMode('www.shanhe.gov.cn', 'never');
    await setSiteMode('gb.shanhe.gov.cn', 'always');
    expect(await getSiteModes()).toEqual({ 'www.shanhe.gov.cn': 'never', 'gb.shanhe.gov.cn': 'always' });
    await setSiteMode('www.shanhe.gov.cn', null);
    expect(await getSiteMode('www.shanhe.gov.cn')).toBeNull();
    expect(await getSiteMode('gb.shanhe.gov.cn')).toBe('always');
  });

  it('maps to the page mode', () => {
    expect([lensModeFor('always'), lensModeFor('never'), lensModeFor(null)]).toEqual(['force', 'off', 'auto']);
  });
});
