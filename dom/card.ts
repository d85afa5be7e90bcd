/**
 * The entity card: click a highlighted 文号, deadline or unit, or rest the pointer on it for
 * ~300 ms, and a small card opens next to it
 * (in a CLOSED shadow root attached to <html>, outside <body>, dom/ui-host.ts; built with
 * textContent, never innerHTML).
 *   文号: issuer / year / number and 复制.
 *   期限: resolved date, days left or overdue, and 加入日历 (a one-event .ics).
 *   单位: its role and the tasks/deadlines assigned to it on this page (the lines it appears on).
 * The page's own click handling is left alone (no preventDefault).
 * A card opened by hover closes when the pointer leaves both the highlight and the card (after a
 * short grace, so the pointer can travel to the card), unless focus is inside it; a card opened by
 * click stays until a click elsewhere. Escape closes either. A card opened by click takes the focus
 * (its first action button; Tab walks its buttons) and Escape gives it back; a hover card leaves the
 * focus where it is, and focusing one of its buttons keeps it open.
 */
import type { DeadlineEntity, Entity, UnitEntity } from '@/lib/entity';
import { daysUntil } from '@/lib/dates';
import { dueIn, formatDate, t, type MessageKey } from '@/utils/i18n';
import type { CalendarEventRequest } from './summary';
import type { PageAnalysis } from './analyze';
import { createUiHost } from './ui-host';

const ROLE: Record<UnitEntity['role'], MessageKey> = {
  lead: 'roleLeadUnit',
  support: 'roleSupportUnit',
  responsible: 'roleResponsibleUnit',
};

const CSS_TEXT = `
.card { position: absolute; z-index: 2147483647; max-width: 340px; min-width: 200px; background: #fff; color: #1f2328;
  border: 1px solid #c8ccd1; border-radius: 8px; box-shadow: 0 4px 14px rgba(0,0,0,.18); padding: 8px 10px;
  font: 13px/1.6 system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; }
.kind { font-size: 11px; color: #57606a; }
.main { font-size: 15px; font-weight: 600; margin: 2px 0 4px; word-break: break-all; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0 8px; margin: 0 0 6px; }
dt { color: #57606a; } dd { margin: 0; }
.overdue { color: #b3261e; font-weight: 600; } .left { color: #0a5c36; }
ul { margin: 2px 0 6px; padding-left: 16px; } li { margin: 0; }
button, a.action { font: inherit; cursor: pointer; border: 1px solid #8c959f; border-radius: 4px; background: #f6f8fa;
  padding: 1px 8px; color: inherit; text-decoration: none; margin-right: 6px; }
.notes { margin-top: 6px; padding-top: 6px; border-top: 1px solid #d8dee4; }
.close { position: absolute; top: 2px; right: 4px; border: none; background: none; font-size: 14px; padding: 0 4px; }
`;

export function daysText(date: string, today: string): { text: string; overdue: boolean } {
  const { text, overdue } = dueIn(date, today);
  return { text, overdue };
}

/** The line of `text` around offset `at` (a table row or paragraph), tabs shown as separators. */
export function lineAround(text: string, at: number): { start: number; end: number; text: string } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  const end = nl < 0 ? text.length : nl;
  return { start, end, text: text.slice(start, end).replace(/\t+/g, ' ｜ ').trim() };
}

/** Tasks of a unit on this page: every line that names it, with the deadlines on that line. */
export function unitTasks(
  a: Pick<PageAnalysis, 'entities' | 'text'>,
  unit: UnitEntity,
): Array<{ line: string; deadlines: DeadlineEntity[] }> {
  const seen = new Set<number>();
  const out: Array<{ line: string; deadlines: DeadlineEntity[] }> = [];
  for (const e of a.entities) {
    if (e.kind !== 'unit' || e.name !== unit.name) continue;
    const line = lineAround(a.text, e.start);
    if (seen.has(line.start)) continue;
    seen.add(line.start);
    const deadlines = a.entities.filter((d): d is DeadlineEntity => d.kind === 'deadline' && d.start >= line.start && d.end <= line.end);
    out.push({ line: line.text.length > 60 ? `${line.text.slice(0, 60)}…` : line.text, deadlines });
  }
  return out;
}

export interface CardOptions {
  current: () => Promise<PageAnalysis>;
  today: () => string;
  /** Time the pointer rests on a highlight before its card opens (and leaves it before it closes). */
  hoverMs?: number;
  /**
   * Builds the .ics of 加入日历 (in the background: ical.js stays out of the content script).
   * Without it, no 加入日历 button.
   */
  calendarFile?: (event: CalendarEventRequest['event']) => Promise<string>;
  /** 添加批注 / 加入待办 on the card (the notes layer opens its editor); without it, no buttons. */
  onNote?: (entity: Entity, how: { task: boolean; at: DOMRect }) => void;
  /** True where another layer owns the point (a note's passage): no card opens there. */
  yieldsAt?: (x: number, y: number, a: PageAnalysis) => boolean;
}

export class EntityCard {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  /** Where the focus was before a clicked card took it. */
  private restoreFocus: Element | null = null;
  /** The open card's entity and range, and whether hover (not a click) opened it. */
  private openEntity: Entity | null = null;
  private openRange: Range | null = null;
  private byHover = false;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  private leaveTimer: ReturnType<typeof setTimeout> | undefined;
  private pointer = { x: 0, y: 0 };
  private readonly onClick = (ev: MouseEvent) => void this.handleClick(ev);
  private readonly onMove = (ev: MouseEvent) => this.handleMove(ev);
  private readonly onKey = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape') this.close();
  };

  /** `shadowMode` open only in unit tests (happy-dom can't reach into a closed root). */
  constructor(
    private readonly doc: Document,
    private readonly options: CardOptions,
    private readonly shadowMode: ShadowRootMode = 'closed',
  ) {}

  attach(): () => void {
    this.doc.addEventListener('click', this.onClick, true);
    this.doc.addEventListener('mousemove', this.onMove, { capture: true, passive: true });
    this.doc.addEventListener('keydown', this.onKey, true);
    return () => {
      this.doc.removeEventListener('click', this.onClick, true);
      this.doc.removeEventListener('mousemove', this.onMove, true);
      this.doc.removeEventListener('keydown', this.onKey, true);
      clearTimeout(this.hoverTimer);
      this.close();
    };
  }

  close(): void {
    clearTimeout(this.leaveTimer);
    this.leaveTimer = undefined;
    // Focus inside the card goes back where it was (a click elsewhere has already moved it).
    const giveBack = this.hasFocus() ? this.restoreFocus : null;
    this.restoreFocus = null;
    this.host?.remove();
    this.host = null;
    this.root = null;
    if (giveBack instanceof HTMLElement && giveBack.isConnected) giveBack.focus({ preventScroll: true });
    this.openEntity = null;
    this.openRange = null;
    this.byHover = false;
  }

  /** True while the card is open. */
  get isOpen(): boolean {
    return this.host !== null;
  }

  private get hoverMs(): number {
    return this.options.hoverMs ?? 300;
  }

  private handleMove(ev: MouseEvent): void {
    this.pointer = { x: ev.clientX, y: ev.clientY };
    const inCard = !!this.host && ev.composedPath().includes(this.host);
    if (inCard) {
      // Inside the card: it stays, and resting here opens nothing else.
      clearTimeout(this.leaveTimer);
      this.leaveTimer = undefined;
      clearTimeout(this.hoverTimer);
      return;
    }
    if (this.host && this.byHover) {
      const onAnchor = !!this.openRange && rectsContain(this.openRange, ev.clientX, ev.clientY);
      if (onAnchor) {
        clearTimeout(this.leaveTimer);
        this.leaveTimer = undefined;
      } else if (this.leaveTimer === undefined) {
        this.leaveTimer = setTimeout(() => {
          this.leaveTimer = undefined;
          if (this.byHover && !this.hasFocus()) this.close();
        }, this.hoverMs);
      }
    }
    clearTimeout(this.hoverTimer);
    this.hoverTimer = setTimeout(() => void this.hoverRest(), this.hoverMs);
  }

  /** The pointer has rested for hoverMs outside the card: open the card of the highlight under it. */
  private async hoverRest(): Promise<void> {
    const { x, y } = this.pointer;
    const hit = await this.entityAt(x, y).catch(() => null);
    if (!hit) return; // the leave timer closes a hover card
    if (this.host && this.openEntity === hit.entity) {
      clearTimeout(this.leaveTimer);
      this.leaveTimer = undefined;
      return;
    }
    if (this.host && !this.byHover) return; // a clicked card stays until a click elsewhere
    const a = await this.options.current();
    this.open(hit.entity, hit.range.getBoundingClientRect(), a, { range: hit.range, byHover: true });
  }

  private hasFocus(): boolean {
    return !!this.root?.activeElement;
  }

  /** The highlighted entity under a point, if any. */
  async entityAt(x: number, y: number): Promise<{ entity: Entity; range: Range } | null> {
    const a = await this.options.current();
    if (!a.summary.highlighted) return null;
    if (this.options.yieldsAt?.(x, y, a)) return null;
    // The caret position narrows the candidates; the painted boxes decide (caret offsets at the
    // edge of a text differ between browsers).
    const pos = caretAt(this.doc, x, y);
    for (let i = 0; i < a.entities.length; i++) {
      const range = a.rangeOf(i);
      if (!range) continue;
      if (pos && !range.isPointInRange(pos.node, pos.offset)) continue;
      if (rectsContain(range, x, y)) return { entity: a.entities[i]!, range };
    }
    return null;
  }

  private async handleClick(ev: MouseEvent): Promise<void> {
    if (this.host && ev.composedPath().includes(this.host)) return; // a click inside the card
    const selection = this.doc.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim()) return; // the reader is selecting
    const hit = await this.entityAt(ev.clientX, ev.clientY);
    this.close();
    if (!hit) return;
    const a = await this.options.current();
    this.open(hit.entity, hit.range.getBoundingClientRect(), a, { range: hit.range });
  }

  open(entity: Entity, anchor: DOMRect, a: Pick<PageAnalysis, 'entities' | 'text'>, how: { range?: Range; byHover?: boolean } = {}): void {
    this.close();
    const doc = this.doc;
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) => {
      const e = doc.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    };
    const { host, root } = createUiHost(doc, 'gazette-lens-card', this.shadowMode);
    const card = el('div', undefined, 'card');
    card.setAttribute('role', 'dialog');
    card.setAttribute('aria-label', t('appName'));
    card.lang = t('locale');
    card.tabIndex = -1;
    const close = el('button', '×', 'close');
    close.title = t('close');
    close.addEventListener('click', () => this.close());
    card.append(close);
    const dl = el('dl');
    const row = (k: string, v: string, cls?: string) => dl.append(el('dt', k), el('dd', v, cls));

    if (entity.kind === 'docNumber') {
      card.append(el('div', t('kindDocNumber'), 'kind'), el('div', entity.normalized, 'main'));
      row(t('cardIssuer'), entity.issuer);
      row(t('cardYear'), String(entity.year));
      row(t('cardSeq'), t('cardSeqValue', String(entity.seq)));
      card.append(dl);
      const copy = el('button', t('copy'));
      copy.dataset.action = 'copy';
      copy.addEventListener('click', () => {
        void navigator.clipboard?.writeText(entity.normalized).then(
          () => (copy.textContent = t('copied')),
          () => (copy.textContent = t('copyFailed')),
        );
      });
      card.append(copy);
    } else if (entity.kind === 'deadline') {
      card.append(el('div', t('kindDeadline'), 'kind'), el('div', entity.text.replace(/\s+/g, ''), 'main'));
      if (entity.date) {
        const days = daysText(entity.date, this.options.today());
        row(t('cardDueDate'), formatDate(entity.date));
        row(t('cardTimeLeft'), days.text, days.overdue ? 'overdue' : 'left');
        card.append(dl);
        const line = lineAround(a.text, entity.start).text;
        const calendarFile = this.options.calendarFile;
        if (calendarFile) {
          const date = entity.date;
          const button = el('button', t('cardAddToCalendar'), 'action');
          button.type = 'button';
          button.dataset.action = 'ics';
          button.addEventListener('click', async () => {
            button.disabled = true;
            try {
              const ics = await calendarFile({
                date,
                summary: t('cardIcsSummary', line.length > 40 ? `${line.slice(0, 40)}…` : line),
                description: `${line}\n${doc.title}`,
                url: doc.location?.href,
                uid: `${date}-${entity.start}@gazette-lens`,
              });
              // A data: URL (not a blob: one): nothing to revoke, and it works from Firefox content scripts.
              const link = el('a') as HTMLAnchorElement;
              link.download = t('cardIcsFileName', date);
              link.href = `data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}`;
              root.append(link);
              link.click();
              link.remove();
              button.textContent = t('cardCalendarDone');
            } catch (e) {
              button.textContent = t('cardCalendarFailed', e instanceof Error ? e.message : String(e));
            } finally {
              button.disabled = false;
            }
          });
          card.append(button);
        }
      } else {
        row(
          t('cardType'),
          t(
            entity.precision === 'ongoing' ? 'deadlineOngoing' : entity.precision === 'recurring' ? 'deadlineRecurring' : 'deadlineUndated',
          ),
        );
        card.append(dl);
      }
    } else {
      card.append(el('div', t(ROLE[entity.role]), 'kind'), el('div', entity.name, 'main'));
      const tasks = unitTasks(a, entity);
      card.append(el('div', t('cardUnitTasks', tasks.length), 'kind'));
      const ul = el('ul');
      for (const task of tasks) {
        const li = el('li', task.line);
        for (const d of task.deadlines) {
          const when = d.date
            ? t('cardTaskDeadline', formatDate(d.date), daysText(d.date, this.options.today()).text)
            : t('cardTaskDeadlineText', d.text);
          li.append(el('span', when, d.date && daysUntil(d.date, this.options.today()) < 0 ? 'overdue' : 'left'));
        }
        ul.append(li);
      }
      card.append(ul);
    }

    const onNote = this.options.onNote;
    if (onNote) {
      const actions = el('div', undefined, 'notes');
      for (const [label, task] of [
        ['addNote', false],
        ['addTask', true],
      ] as const) {
        const b = el('button', t(label));
        b.type = 'button';
        b.dataset.action = task ? 'task' : 'note';
        b.addEventListener('click', () => {
          this.close();
          onNote(entity, { task, at: anchor });
        });
        actions.append(b);
      }
      card.append(actions);
    }

    const style = el('style', CSS_TEXT);
    root.append(style, card);
    // Document coordinates (position: absolute in a host on <html>): the card scrolls with its text.
    const view = doc.defaultView;
    const sx = view?.scrollX ?? 0;
    const sy = view?.scrollY ?? 0;
    const left = Math.max(8, Math.min(anchor.left, (view?.innerWidth ?? 800) - 350));
    const roomBelow = (view?.innerHeight ?? 600) - anchor.bottom;
    card.style.left = `${left + sx}px`;
    if (roomBelow >= 200 || anchor.top < 200) card.style.top = `${anchor.bottom + 6 + sy}px`;
    else card.style.bottom = `${(doc.documentElement.clientHeight || 0) - anchor.top + 6 - sy}px`;
    doc.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.openEntity = entity;
    this.openRange = how.range ?? null;
    this.byHover = !!how.byHover;
    if (!this.byHover) {
      // Keyboard users land on the first action (复制, 加入日历, 添加批注 …), else on ×.
      this.restoreFocus = doc.activeElement;
      const first = card.querySelector<HTMLButtonElement>('button:not(.close)') ?? close;
      first.focus({ preventScroll: true });
    }
  }
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}

function rectsContain(range: Range, x: number, y: number): boolean {
  for (const r of Array.from(range.getClientRects())) {
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}
