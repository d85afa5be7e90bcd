// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Options } from '@/components/Options';
import { getSiteModes, setSiteMode } from '@/utils/site-modes';

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

describe('Options', () => {
  it('lists, adds and removes sites', async () => {
    await setSiteMode('www.shanhe.gov.cn', 'never');
    render(<Options load={getSiteModes} save={setSiteMode} />);
    await waitFor(() => expect(screen.getByTestId('sites').textContent).toContain('www.shanhe.gov.cn从不标注'));
    fireEvent.input(screen.getByLabelText('网站'), { target: { value: 'http://GB.Shanhe.gov.cn/zfgb/' } });
    fireEvent.submit(screen.getByLabelText('网站').closest('form')!);
    await waitFor(() => expect(screen.getByTestId('sites').textContent).toContain('gb.shanhe.gov.cn总是标注'));
    expect(await getSiteModes()).toEqual({ 'www.shanhe.gov.cn': 'never', 'gb.shanhe.gov.cn': 'always' });
    screen.getAllByText('移除')[1]!.click(); // sorted: gb… then www…
    await waitFor(() => expect(screen.getByTestId('sites').textContent).not.toContain('www.shanhe.gov.cn'));
    expect(await getSiteModes()).toEqual({ 'gb.shanhe.gov.cn': 'always' });
  });

  it('says when no site is set', async () => {
    render(<Options load={getSiteModes} save={setSiteMode} />);
    await waitFor(() => expect(screen.getByTestId('empty').textContent).toContain('还没有设置'));
  });
});
