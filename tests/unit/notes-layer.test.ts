// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PageAnalysis } from '@/dom/analyze';
import { NoteEditor } from '@/dom/note-editor';
import { parseTags } from '@/lib/notes/tags';
import { noteFromDraft } from './fakes/fake-notes-api';
import { NotesLayer, type NotesChannel } from '@/dom/notes-layer';
import { buildTextModel } from '@/dom/text-model';
import { extract } from '@/lib/index';
import { describeRange } from '@/lib/notes/anchor';
import type { Note, PageInfo } from '@/lib/notes/note';
import type { NoteDraft } from '@/lib/notes/notes-api';

const URL_ = 'http://www.shanhe.gov.cn/zfgb/2024/hzbf-12.html';
const PAGE = `<h1>关于做好汛期安全工作的通知</h1><p>山政办发〔2024〕12号</p>
<p>各乡镇要在6月底前完成排查，县应急局负责督促。</p>
<table><tr><td>任务</td><td>责任单位</td><td>完成时限</td></tr>
<tr><td>清理河道障碍</td><td>县水利局</td><td>2024年5月31日前</td></tr></table>`;

afterEach(() => {
  document.documentElement.querySelectorAll('gazette-lens-note-editor, gazette-lens-notice').forEach((e) => e.remove());
  document.getSelection()?.removeAllRanges();
});

function analysis(): PageAnalysis {
  const model = buildTextModel(document.body);
  const entities = extract(model.text, { baseDate: '2024-03-01' });
  return {
    summary: {
      url: URL_,
      title: '关于做好汛期安全工作的通知',
      detected: true,
      score: 9,
      reasons: [],
      highlighted: true,
      today: '2024-03-01',
      counts: { docNumber: 1, deadline: 2, overdue: 0, unit: 2 },
      entities: [],
      timing: { totalMs: 0, longestTaskMs: 0, longestTaskIn: '', tasks: 1, textLength: model.text.length },
    },
    entities,
    text: model.text,
    rangeOf: () => null,
    model,
  };
}

/** The notes database as the background keeps it, in memory; records the calls. */
function fakeChannel(initial: Note[] = []) {
  const notes = [...initial];
  const calls: string[] = [];
  let n = 0;
  const channel: NotesChannel & { notes: Note[]; calls: string[]; failNext?: string } = {
    notes,
    calls,
    async list(url) {
      calls.push(`list ${url}`);
      return notes.filter((x) => x.url === url);
    },
    async create(draft: NoteDraft, page: PageInfo) {
      calls.push('create');
      if (channel.failNext) {
        const m = channel.failNext;
        channel.failNext = undefined;
        throw new Error(m);
      }
      const note = noteFromDraft(draft, page, `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, '2024-03-01T00:00:00.000Z');
      notes.push(note);
      return note;
    },
    async update(id, patch) {
      calls.push(`update ${id}`);
      const i = notes.findIndex((x) => x.id === id);
      notes[i] = { ...notes[i]!, ...patch };
      return notes[i]!;
    },
    async remove(ids) {
      calls.push(`remove ${ids.join()}`);
      return ids.map(
        (id) =>
          notes.splice(
            notes.findIndex((x) => x.id === id),
            1,
          )[0]!,
      );
    },
  };
  return channel;
}

function layerFor(channel: NotesChannel) {
  return new NotesLayer(document, {
    channel,
    current: async () => analysis(),
    page: (a) => ({ url: URL_, title: a.summary.title, site: 'www.shanhe.gov.cn', docNumber: '山政办发〔2024〕12号', docDate: null }),
    shadowMode: 'open',
  });
}

const editor = () => document.querySelector('gazette-lens-note-editor')?.shadowRoot ?? null;

function select(text: string) {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n as Text).data.indexOf(text);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + text.length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(r);
    return;
  }
  throw new Error(`not on the page: ${text}`);
}

function typeInto(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('notes on the page', () => {
  it('a selection becomes a note with quote and position selectors over the text model', async () => {
    document.body.innerHTML = PAGE;
    const channel = fakeChannel();
    const layer = layerFor(channel);
    await layer.refresh();
    select('清理河道障碍');
    expect(await layer.composeFromSelection()).toBeNull();
    const root = editor()!;
    expect(root.querySelector('blockquote')!.textContent).toBe('清理河道障碍');
    const body = root.querySelector('textarea')!;
    expect(root.activeElement ?? document.activeElement).toBeTruthy();
    typeInto(body, '请水利局本周内报进度');
    typeInto(root.querySelector('input[type=text]') as HTMLInputElement, '防汛、水利，防汛');
    body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await settle();
    expect(editor()).toBeNull();
    expect(channel.notes).toHaveLength(1);
    const note = channel.notes[0]!;
    expect(note.body).toBe('请水利局本周内报进度');
    expect(note.tags).toEqual(['防汛', '水利']);
    expect(note.target.type).toBe('selection');
    const a = analysis();
    if (note.target.type !== 'selection') throw new Error();
    expect(a.text.slice(note.target.position.start, note.target.position.end)).toBe('清理河道障碍');
    expect(note.target.quote.exact).toBe('清理河道障碍');
    expect(await layer.anchoring()).toEqual({ [note.id]: 'position' });
    // What the popup renders first: the same note, placed, under the page's normalised URL.
    const state = await layer.state();
    expect(state.notes.map((n) => n.id)).toEqual([note.id]);
    expect(state.anchoring).toEqual({ [note.id]: 'position' });
    expect(state.url).toBe(note.url);
  });

  it('without a selection it says what to do, and opens nothing', async () => {
    document.body.innerHTML = PAGE;
    const layer = layerFor(fakeChannel());
    expect(await layer.composeFromSelection()).toBe('请先选中要批注的文字。');
    expect(editor()).toBeNull();
  });

  it('re-anchors by quote after the page gained text, and reports a vanished passage as unplaced', async () => {
    document.body.innerHTML = PAGE;
    const a = analysis();
    const at = a.text.indexOf('6月底前完成排查');
    const sel = describeRange(a.text, at, at + '6月底前完成排查'.length);
    const gone = describeRange(a.text, a.text.indexOf('清理河道障碍'), a.text.indexOf('清理河道障碍') + 6);
    const base = {
      url: URL_,
      pageTitle: 't',
      site: 's',
      docNumber: null,
      docDate: null,
      body: 'b',
      tags: [],
      color: 'yellow' as const,
      status: 'todo' as const,
      due: null,
      createdAt: '2024-03-01T00:00:00.000Z',
      updatedAt: '2024-03-01T00:00:00.000Z',
    };
    const moved: Note = { ...base, id: '00000000-0000-4000-8000-000000000101', target: { type: 'selection', ...sel } };
    const lost: Note = { ...base, id: '00000000-0000-4000-8000-000000000102', target: { type: 'selection', ...gone } };
    const pageNote: Note = { ...base, id: '00000000-0000-4000-8000-000000000103', target: { type: 'page' } };
    // The page changed since: a new paragraph first, and the table row of 清理河道障碍 removed.
    document.body.innerHTML = PAGE.replace('<h1>', '<p>（根据省里通知补充：本年度汛期提前。）</p><h1>').replace(
      /<tr><td>清理河道障碍.*?<\/tr>/,
      '',
    );
    expect(document.body.textContent).not.toContain('清理河道障碍');
    const layer = layerFor(fakeChannel([moved, lost, pageNote]));
    await layer.refresh();
    expect(await layer.anchoring()).toEqual({ [moved.id]: 'quote', [lost.id]: null });
  });

  it('a deadline note is a task due on the deadline date', async () => {
    document.body.innerHTML = PAGE;
    const channel = fakeChannel();
    const layer = layerFor(channel);
    const deadline = analysis().entities.find((e) => e.kind === 'deadline' && e.text.includes('5月31日'))!;
    await layer.composeForEntity(deadline, { task: true, at: new DOMRect(0, 0, 10, 10) });
    const root = editor()!;
    expect(root.querySelector('h2')!.textContent).toContain('加入待办');
    expect((root.querySelector('input[type=date]') as HTMLInputElement).value).toBe('2024-05-31');
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    const note = channel.notes[0]!;
    expect(note.due).toBe('2024-05-31');
    expect(note.target.type === 'entity' && note.target.entity).toEqual({
      kind: 'deadline',
      text: '2024年5月31日前',
      date: '2024-05-31',
      precision: 'day',
    });
  });

  it('a failed save keeps the editor open with the text and says why', async () => {
    document.body.innerHTML = PAGE;
    const channel = fakeChannel();
    channel.failNext = '存储空间不足：浏览器拒绝保存更多数据。';
    const layer = layerFor(channel);
    select('县水利局');
    await layer.composeFromSelection();
    const root = editor()!;
    typeInto(root.querySelector('textarea')!, '不要丢');
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(editor()).not.toBeNull();
    expect(root.querySelector('[role=alert]')!.textContent).toBe('保存失败：存储空间不足：浏览器拒绝保存更多数据。');
    expect(root.querySelector('textarea')!.value).toBe('不要丢');
    root.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(editor()).toBeNull();
    expect(channel.notes).toHaveLength(0);
  });
});

describe('note editor', () => {
  it('shows page text as text, never as HTML, outside <body>', () => {
    document.body.innerHTML = '<p>x</p>';
    const before = document.body.innerHTML;
    const e = new NoteEditor(document, 'open');
    e.open({ title: '新批注', quote: '<img src=x onerror="alert(1)">' }, new DOMRect(0, 0, 1, 1), { save: async () => {} });
    const root = editor()!;
    expect(root.querySelector('blockquote')!.textContent).toBe('<img src=x onerror="alert(1)">');
    expect(root.querySelector('img')).toBeNull();
    expect(document.body.innerHTML).toBe(before);
    expect(document.querySelector('gazette-lens-note-editor')!.parentElement).toBe(document.documentElement);
    e.close();
  });

  it('is closed to the page by default', () => {
    const e = new NoteEditor(document);
    e.open({ title: '新批注', quote: '' }, new DOMRect(0, 0, 1, 1), { save: async () => {} });
    expect(document.querySelector('gazette-lens-note-editor')!.shadowRoot).toBeNull();
    e.close();
  });

  it('splits tags on Chinese and ASCII separators, without duplicates', () => {
    expect(parseTags(' 防汛，水利、 应急;防汛 ,, 防汛 物资；')).toEqual(['防汛', '水利', '应急', '防汛 物资']);
    expect(parseTags('')).toEqual([]);
  });
});
