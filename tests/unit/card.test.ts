// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntityCard, daysText, lineAround, unitTasks } from '@/dom/card';
import { buildTextModel } from '@/dom/text-model';
import { extract } from '@/lib/index';
import type { Entity } from '@/lib/entity';

afterEach(() => {
  document.querySelectorAll('gazette-lens-card').forEach((e) => e.remove());
});

function analysisOf(html: string) {
  document.body.innerHTML = html;
  const model = buildTextModel(document.body);
  return { entities: extract(model.text, { baseDate: '2024-03-01' }), text: model.text };
}

const TABLE = `<h1>关于印发工作方案的通知</h1><p>河政办发〔2024〕12号</p>
<table><tr><td>序号</td><td>工作任务</td><td>责任单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>清理沟渠塘坝</td><td>县农业农村局</td><td>2024年6月30日前</td></tr>
<tr><td>2</td><td>改造农村户厕</td><td>县卫生健康局</td><td>2024年10月底前</td></tr>
<tr><td>3</td><td>建立长效机制</td><td>县农业农村局</td><td>长期坚持</td></tr></table>`;

const card = () => document.querySelector('gazette-lens-card')!.shadowRoot!;
const rect = { left: 10, top: 10, bottom: 30, right: 100, width: 90, height: 20, x: 10, y: 10 } as DOMRect;

describe('entity card', () => {
  it('days text', () => {
    expect(daysText('2024-06-30', '2024-06-30').text).toBe('今天到期');
    expect(daysText('2024-06-30', '2024-06-01')).toEqual({ text: '还剩 29 天', overdue: false });
    expect(daysText('2024-06-30', '2024-07-02')).toEqual({ text: '已逾期 2 天', overdue: true });
  });

  it('a unit lists the lines (tasks) it appears on, with their deadlines', () => {
    const a = analysisOf(TABLE);
    const unit = a.entities.find((e) => e.kind === 'unit' && e.name === '县农业农村局')!;
    const tasks = unitTasks(a, unit as Extract<Entity, { kind: 'unit' }>);
    expect(tasks.map((t) => t.line)).toEqual([
      '1 ｜ 清理沟渠塘坝 ｜ 县农业农村局 ｜ 2024年6月30日前',
      '3 ｜ 建立长效机制 ｜ 县农业农村局 ｜ 长期坚持',
    ]);
    expect(tasks.map((t) => t.deadlines.map((d) => d.text))).toEqual([['2024年6月30日前'], ['长期坚持']]);
    expect(lineAround('a\nbc\td\ne', 3).text).toBe('bc ｜ d');
  });

  it('renders each kind with textContent only, outside <body>', () => {
    const a = analysisOf(TABLE);
    const bodyHtml = document.body.innerHTML;
    const calendar: unknown[] = [];
    const c = new EntityCard(
      document,
      {
        current: () => Promise.reject(new Error('unused')),
        today: () => '2024-07-01',
        calendarFile: async (event) => {
          calendar.push(event);
          return 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
        },
      },
      'open',
    );
    const find = (k: string, t?: string) => a.entities.find((e) => e.kind === k && (!t || e.text === t))!;

    c.open(find('docNumber'), rect, a);
    expect(document.querySelector('gazette-lens-card')!.parentElement).toBe(document.documentElement);
    expect(document.body.innerHTML).toBe(bodyHtml);
    expect(card().querySelector('.main')!.textContent).toBe('河政办发〔2024〕12号');
    expect([...card().querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['河政办发', '2024', '12号']);
    expect(card().querySelector('[data-action="copy"]')).toBeTruthy();

    c.open(find('deadline', '2024年10月底前'), rect, a);
    expect(document.querySelectorAll('gazette-lens-card')).toHaveLength(1);
    expect([...card().querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['2024年10月31日', '还剩 122 天']);
    expect(card().querySelector('[data-action="ics"]')!.textContent).toBe('加入日历');
    (card().querySelector('[data-action="ics"]') as HTMLButtonElement).click();
    expect(calendar).toEqual([
      expect.objectContaining({ date: '2024-10-31', uid: expect.stringMatching(/^2024-10-31-\d+@gazette-lens$/) }),
    ]);

    c.open(find('deadline', '长期坚持'), rect, a);
    expect(card().querySelector('dd')!.textContent).toBe('长期');
    expect(card().querySelector('[data-action="ics"]')).toBeNull();

    c.open(find('unit'), rect, a);
    expect(card().querySelector('.kind')!.textContent).toBe('责任单位');
    expect(card().querySelectorAll('li')).toHaveLength(2);
    expect(card().querySelector('li .overdue')!.textContent).toBe('（2024年6月30日，已逾期 1 天）');
    c.close();
    expect(document.querySelector('gazette-lens-card')).toBeNull();
  });
});

describe('entity card and the keyboard', () => {
  it('lives in a closed shadow root by default: the page sees a host and nothing inside', () => {
    const a = analysisOf(TABLE);
    const c = new EntityCard(document, { current: () => Promise.reject(new Error('unused')), today: () => '2024-07-01' });
    c.open(
      a.entities.find((e) => e.kind === 'docNumber')!,
      rect,
      a,
    );
    const host = document.querySelector('gazette-lens-card')!;
    expect(host.shadowRoot).toBeNull();
    expect(host.textContent).toBe('');
    c.close();
  });

  it('a card opened by click takes the focus (its first action); Escape closes it and gives the focus back', () => {
    const a = analysisOf(`${TABLE}<button id="page-button">页面按钮</button>`);
    const c = new EntityCard(
      document,
      { current: () => Promise.reject(new Error('unused')), today: () => '2024-07-01', onNote: () => {} },
      'open',
    );
    const detach = c.attach();
    const pageButton = document.getElementById('page-button') as HTMLButtonElement;
    pageButton.focus();
    c.open(
      a.entities.find((e) => e.kind === 'deadline')!,
      rect,
      a,
    );
    expect(document.activeElement).toBe(document.querySelector('gazette-lens-card'));
    expect((card().activeElement as HTMLElement).dataset.action).toBe('note'); // 添加批注 (no calendar here)
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(c.isOpen).toBe(false);
    expect(document.activeElement).toBe(pageButton);
    // A card without actions focuses its close button.
    const bare = new EntityCard(document, { current: () => Promise.reject(new Error('unused')), today: () => '2024-07-01' }, 'open');
    bare.open(
      a.entities.find((e) => e.kind === 'unit')!,
      rect,
      a,
    );
    expect((card().activeElement as HTMLElement).className).toBe('close');
    bare.close();
    detach();
  });
});

describe('entity card on hover', () => {
  const move = (target: EventTarget, x = 50, y = 20) =>
    target.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true, composed: true }));

  it('opens after the pointer rests ~300 ms on a highlight, closes when it leaves, stays while inside the card', async () => {
    vi.useFakeTimers();
    try {
      const a = analysisOf(TABLE);
      const doc = a.entities.find((e) => e.kind === 'docNumber')!;
      const range = document.createRange();
      range.selectNodeContents(document.body.querySelector('p')!);
      let over = true; // whether the pointer is over the 文号
      const c = new EntityCard(
        document,
        {
          current: () => Promise.resolve({ ...a, summary: { highlighted: true } } as never),
          today: () => '2024-07-01',
        },
        'open',
      );
      vi.spyOn(c, 'entityAt').mockImplementation(async () => (over ? { entity: doc, range } : null));
      const detach = c.attach();

      move(document.body);
      await vi.advanceTimersByTimeAsync(200);
      expect(c.isOpen).toBe(false); // not yet
      move(document.body); // still moving: the wait starts again
      await vi.advanceTimersByTimeAsync(200);
      expect(c.isOpen).toBe(false);
      await vi.advanceTimersByTimeAsync(150);
      expect(c.isOpen).toBe(true);
      expect(card().querySelector('.main')!.textContent).toBe('河政办发〔2024〕12号');
      expect(card().activeElement).toBeNull(); // hovering does not take the reader's focus

      // The pointer travels into the card: it stays open however long it rests there.
      over = false;
      move(card().querySelector('.card')!);
      await vi.advanceTimersByTimeAsync(1000);
      expect(c.isOpen).toBe(true);

      // Leaving both the highlight and the card closes it.
      move(document.body, 500, 500);
      await vi.advanceTimersByTimeAsync(400);
      expect(c.isOpen).toBe(false);

      // Hover opens it again; Escape closes it.
      over = true;
      move(document.body);
      await vi.advanceTimersByTimeAsync(350);
      expect(c.isOpen).toBe(true);
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      expect(c.isOpen).toBe(false);

      // A card opened by a click is not closed by moving away.
      c.open(doc, rect, a, { range });
      over = false;
      move(document.body, 500, 500);
      await vi.advanceTimersByTimeAsync(1000);
      expect(c.isOpen).toBe(true);
      // Its buttons are reachable from the keyboard.
      expect((card().querySelector('[data-action="copy"]') as HTMLButtonElement).tabIndex).toBe(0);
      detach();
      expect(c.isOpen).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
