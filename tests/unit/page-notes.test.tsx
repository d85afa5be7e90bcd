// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PageNotes, dueLabel, type PageNotesControl } from '@/components/PageNotes';
import type { Note } from '@/lib/notes/note';
import { makeNote } from './notes-db-fixtures';

afterEach(cleanup);

function control(initial: Note[], anchoring: Record<string, 'position' | 'quote' | 'fuzzy' | null> = {}) {
  let notes = [...initial];
  const calls: string[] = [];
  const c: PageNotesControl & { calls: string[]; notes: () => Note[] } = {
    calls,
    notes: () => notes,
    list: async () => notes,
    anchoring: async () => anchoring,
    create: async (d) => {
      calls.push(`create ${d.body}`);
      const n = makeNote({ target: d.target, body: d.body });
      notes = [n, ...notes];
      return n;
    },
    update: async (id, patch) => {
      calls.push(`update ${JSON.stringify(patch)}`);
      notes = notes.map((n) => (n.id === id ? { ...n, ...patch } : n));
      return notes.find((n) => n.id === id)!;
    },
    remove: async (ids) => {
      calls.push('remove');
      const gone = notes.filter((n) => ids.includes(n.id));
      notes = notes.filter((n) => !ids.includes(n.id));
      return gone;
    },
    restore: async (back) => {
      calls.push('restore');
      notes = [...back, ...notes];
    },
    reveal: async () => true,
    openManager: () => calls.push('manager'),
  };
  return c;
}

describe('popup: notes of this page', () => {
  it("shows the page's copy first, then the database's list where it differs", async () => {
    const kept = makeNote({ body: '页面上的副本' });
    const edited = { ...kept, body: '批注管理中改过', updatedAt: '2024-10-12T00:00:00.000Z' };
    const added = makeNote({ body: '在管理页新增' });
    let answer!: (notes: Note[]) => void;
    const c = control([kept]);
    c.stored = () => new Promise((resolve) => (answer = resolve));
    render(<PageNotes control={c} today="2024-10-10" />);
    await screen.findByText('页面上的副本');
    answer([added, edited]);
    await screen.findByText('批注管理中改过');
    expect(screen.getByText('在管理页新增')).toBeTruthy();
    expect(screen.queryByText('页面上的副本')).toBeNull();
  });

  it("does not let the database's late answer undo a note just added", async () => {
    const old = makeNote({ body: '原有批注' });
    let answer!: (notes: Note[]) => void;
    const c = control([old]);
    c.stored = () => new Promise((resolve) => (answer = resolve));
    render(<PageNotes control={c} today="2024-10-10" />);
    const box = await screen.findByLabelText('为本页添加批注');
    fireEvent.input(box, { target: { value: '刚写的' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await screen.findByText('刚写的');
    answer([old]); // read before the new note was saved
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByText('刚写的')).toBeTruthy();
    expect(document.querySelectorAll('[data-note-id]')).toHaveLength(2);
  });

  it('lists notes, marks one that cannot be placed as 未能定位 with its quote', async () => {
    const placed = makeNote({ body: '已核实' });
    const lost = makeNote({ body: '原文已改' });
    render(<PageNotes control={control([placed, lost], { [placed.id]: 'position', [lost.id]: null })} today="2024-10-10" />);
    await screen.findByText('原文已改');
    const items = document.querySelectorAll('[data-note-id]');
    expect(items).toHaveLength(2);
    const lostItem = document.querySelector(`[data-note-id="${lost.id}"]`)!;
    expect(lostItem.querySelector('[data-testid=unplaced]')!.textContent).toBe('未能定位');
    expect(lostItem.querySelector('q')!.textContent).toBe(lost.target.type === 'page' ? '' : lost.target.quote.exact);
    expect(document.querySelector(`[data-note-id="${placed.id}"] [data-testid=unplaced]`)).toBeNull();
  });

  it('adds a page note with Ctrl+Enter', async () => {
    const c = control([]);
    render(<PageNotes control={c} today="2024-10-10" />);
    const box = await screen.findByLabelText('为本页添加批注');
    fireEvent.input(box, { target: { value: '整篇要转发给各股室' } });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await screen.findByText('整篇要转发给各股室');
    expect(c.calls).toEqual(['create 整篇要转发给各股室']);
    expect(c.notes()[0]!.target).toEqual({ type: 'page' });
  });

  it('deletes with undo, and undo brings the note back', async () => {
    const n = makeNote({ body: '待删除' });
    const c = control([n]);
    render(<PageNotes control={c} today="2024-10-10" />);
    await screen.findByText('待删除');
    fireEvent.click(screen.getByText('删除'));
    await waitFor(() => expect(screen.queryByText('待删除')).toBeNull());
    expect(screen.getByRole('status').textContent).toContain('已删除 1 条批注');
    fireEvent.click(screen.getByText('撤销'));
    await screen.findByText('待删除');
    expect(c.calls).toEqual(['remove', 'restore']);
  });

  it('a task can be marked done; its due date shows days left or overdue', async () => {
    const n = makeNote({ body: '报送材料', due: '2024-10-31', status: 'todo' });
    const c = control([n]);
    render(<PageNotes control={c} today="2024-11-02" />);
    await screen.findByText('报送材料');
    expect(document.querySelector('.due')!.textContent).toBe('2024年10月31日 · 已逾期 2 天');
    expect(document.querySelector('.due')!.classList.contains('overdue')).toBe(true);
    fireEvent.click(screen.getByLabelText('已完成'));
    await waitFor(() => expect(c.calls).toEqual(['update {"status":"done"}']));
    expect(dueLabel('2024-11-02', '2024-11-02').text).toBe('2024年11月2日 · 今天到期');
  });
});
