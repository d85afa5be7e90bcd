// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Popup, sortDeadlines, daysLeftLabel, type PopupControl, type SummaryResult } from '@/components/Popup';
import type { PageSummary } from '@/dom/summary';

afterEach(cleanup);

const summary: PageSummary = {
  url: 'http://www.shanhe.gov.cn/zfgb/2024/hzbf-12.html',
  title: '关于印发工作方案的通知',
  detected: true,
  score: 12,
  reasons: ['有信息公开栏（索引号、发文字号）', '位于“政府公报”栏目'],
  highlighted: true,
  today: '2024-06-01',
  counts: { docNumber: 3, deadline: 3, overdue: 1, unit: 2 },
  timing: { totalMs: 5, longestTaskMs: 3, longestTaskIn: 'paint', tasks: 4, textLength: 900 },
  entities: [
    { index: 0, kind: 'docNumber', text: '河政办发〔2024〕12号', normalized: '河政办发〔2024〕12号' },
    { index: 1, kind: 'docNumber', text: '河政办\n发〔2024〕12号', normalized: '河政办发〔2024〕12号' },
    { index: 2, kind: 'docNumber', text: '河政发〔2023〕31号', normalized: '河政发〔2023〕31号' },
    { index: 3, kind: 'deadline', text: '2024年10月底前', date: '2024-10-31', precision: 'month', daysLeft: 152 },
    { index: 4, kind: 'deadline', text: '长期坚持', date: null, precision: 'ongoing', daysLeft: null },
    { index: 5, kind: 'deadline', text: '2024年4月15日前', date: '2024-04-15', precision: 'day', daysLeft: -47 },
    { index: 6, kind: 'unit', text: '县农业农村局', name: '县农业农村局', role: 'lead' },
    { index: 7, kind: 'unit', text: '县财政局', name: '县财政局', role: 'support' },
  ],
};

const ok = (s: PageSummary) => () => Promise.resolve<SummaryResult>({ status: 'ok', summary: s });

describe('Popup', () => {
  it('shows the title, and says when no content script answers', () => {
    render(<Popup />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('公报透镜');
    expect(screen.getByTestId('popup-status').textContent).toContain('*.gov.cn');
    expect(screen.queryByText(/Gazette Lens v/)).toBeNull();
  });

  it('shows the version when given', () => {
    render(<Popup version="1.2.3" />);
    expect(screen.getByText('Gazette Lens v1.2.3')).toBeTruthy();
  });

  it('shows a loading line, then the summary: status, reasons, counts and grouped entities', async () => {
    render(<Popup load={ok(summary)} />);
    expect(screen.getByTestId('popup-status').textContent).toContain('正在分析');
    await waitFor(() => expect(screen.getByTestId('popup-status').textContent).toContain('已识别为公文页面'));
    expect(screen.getByTestId('reasons').textContent).toContain('政府公报');
    expect(screen.getByTestId('counts').textContent).toBe('文号 3期限 3（逾期 1）单位 2');
    // 文号 grouped by normalized form.
    const docs = screen.getByTestId('group-docnumber').querySelectorAll('li');
    expect([...docs].map((li) => li.textContent)).toEqual(['河政办发〔2024〕12号 ×2', '河政发〔2023〕31号']);
    // Deadlines by date, overdue marked, undated last.
    const dl = [...screen.getByTestId('group-deadline').querySelectorAll('li')];
    expect(dl.map((li) => li.textContent)).toEqual([
      '2024年4月15日 2024年4月15日前已逾期 47 天',
      '2024年10月31日 2024年10月底前还剩 152 天',
      '— 长期坚持长期',
    ]);
    // The date is written for the reader (Intl, zh-CN) and kept machine-readable.
    expect(dl.map((li) => li.querySelector('time')?.dateTime ?? null)).toEqual(['2024-04-15', '2024-10-31', null]);
    expect(dl[0]!.className).toBe('overdue');
    const units = [...screen.getByTestId('group-unit').querySelectorAll('li')].map((li) => li.textContent);
    expect(units).toEqual(['县农业农村局 牵头 · 任务 1 项', '县财政局 配合 · 任务 1 项']);
  });

  it('asks to reveal an entity when its line is clicked', async () => {
    const asked: number[] = [];
    render(<Popup load={ok(summary)} reveal={(i) => asked.push(i)} />);
    await waitFor(() => expect(screen.getByTestId('group-deadline')).toBeTruthy());
    (screen.getByTestId('group-deadline').querySelector('li button') as HTMLButtonElement).click();
    (screen.getByTestId('group-unit').querySelectorAll('li button')[1] as HTMLButtonElement).click();
    expect(asked).toEqual([5, 7]); // the earliest deadline (index 5), then 县财政局
  });

  it('switches the page off and on, and puts the site on a list', async () => {
    const calls: string[] = [];
    const control: PopupControl = {
      setMode: async (mode) => {
        calls.push(`mode:${mode}`);
        return { status: 'ok', summary: { ...summary, mode, highlighted: mode !== 'off' } };
      },
      forceHere: async () => ({ status: 'no-content-script' }),
      getSiteMode: async () => null,
      setSiteMode: async (host, mode) => {
        calls.push(`site:${host}:${mode}`);
      },
    };
    render(<Popup load={ok(summary)} control={control} />);
    const off = await waitFor(() => screen.getByText('关闭本页标注'));
    off.click();
    await waitFor(() => expect(screen.getByTestId('popup-status').textContent).toBe('本页已关闭标注。'));
    screen.getByText('标注此页').click();
    await waitFor(() => expect(screen.getByText('关闭本页标注')).toBeTruthy());
    const select = screen.getByTestId('controls').querySelector('select')!;
    expect(select.value).toBe('auto');
    select.value = 'never';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(calls).toContain('mode:off'));
    expect(calls).toEqual(['mode:off', 'mode:force', 'site:www.shanhe.gov.cn:never', 'mode:off']);
  });

  it('offers 标注此页 where no content script runs', async () => {
    let forced = 0;
    const control: PopupControl = {
      setMode: async () => ({ status: 'no-content-script' }),
      forceHere: async () => {
        forced++;
        return { status: 'ok', summary: { ...summary, detected: false, mode: 'force' } };
      },
      getSiteMode: async () => 'always',
      setSiteMode: async () => {},
    };
    render(<Popup load={() => Promise.resolve<SummaryResult>({ status: 'no-content-script' })} control={control} />);
    (await waitFor(() => screen.getByText('标注此页'))).click();
    await waitFor(() => expect(screen.getByTestId('popup-status').textContent).toBe('已按要求标注此页（未识别为公文）。'));
    expect(forced).toBe(1);
    await waitFor(() => expect(screen.getByTestId('controls').querySelector('select')!.value).toBe('always'));
  });

  it('explains why a page was not detected', async () => {
    const s = {
      ...summary,
      detected: false,
      highlighted: false,
      score: -4,
      reasons: ['链接文字占 60%，像首页或列表页'],
      entities: [],
      counts: { docNumber: 0, deadline: 0, overdue: 0, unit: 0 },
    };
    render(<Popup load={ok(s)} />);
    await waitFor(() => expect(screen.getByTestId('popup-status').textContent).toContain('未识别为公文'));
    expect(screen.getByTestId('reasons').textContent).toContain('像首页或列表页');
    expect(screen.queryByTestId('group-docnumber')).toBeNull();
  });

  it('reports a failed request', async () => {
    render(<Popup load={() => Promise.reject(new Error('超时'))} />);
    await waitFor(() => expect(screen.getByTestId('popup-status').textContent).toBe('分析失败：超时'));
  });

  it('labels days left', () => {
    const d = { kind: 'deadline' as const, index: 0, text: '', date: '2024-01-01', precision: 'day' as const };
    expect(daysLeftLabel({ ...d, daysLeft: 0 })).toBe('今天到期');
    expect(daysLeftLabel({ ...d, daysLeft: 3 })).toBe('还剩 3 天');
    expect(daysLeftLabel({ ...d, daysLeft: -2 })).toBe('已逾期 2 天');
    expect(
      sortDeadlines([
        { ...d, date: null, daysLeft: null },
        { ...d, daysLeft: 1 },
      ]).map((x) => x.date),
    ).toEqual(['2024-01-01', null]);
  });
});
