import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { marked, type Token, type Tokens } from 'marked';
import { notesToMarkdown } from '@/lib/notes/markdown';
import type { Note } from '@/lib/notes/note';
import { NOTICE_URL, PLAN_URL, noteArb, sampleNotes, samplePages } from './notes-fixtures';

const TODAY = '2024-04-20';

/** The text a reader sees for inline tokens: escapes undone, hard breaks as line breaks. */
function inlineText(tokens: Token[] = []): string {
  return tokens
    .map((t) => {
      if (t.type === 'br') return '\n';
      if (t.type === 'escape' || t.type === 'codespan') return t.text;
      if ('tokens' in t && t.tokens) return inlineText(t.tokens);
      return 'text' in t ? String(t.text) : '';
    })
    .join('');
}

/** A blockquote's text: its paragraphs' lines, one per line. */
const quoteText = (q: Tokens.Blockquote) =>
  q.tokens
    .filter((t): t is Tokens.Paragraph => t.type === 'paragraph')
    .map((p) => inlineText(p.tokens))
    .join('\n');

/** What a quote keeps in Markdown: its non-blank lines, trimmed. */
const quoteLines = (s: string) =>
  s
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');

const topLevel = (md: string) => marked.lexer(md);
const headings = (md: string, depth: number) =>
  topLevel(md)
    .filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === depth)
    .map((h) => inlineText(h.tokens));

describe('notesToMarkdown', () => {
  const md = notesToMarkdown(sampleNotes, samplePages, { today: TODAY });

  it('has one section per document, titled with the page title, in the order of the pages', () => {
    expect(headings(md, 1)).toEqual(['公报透镜批注']);
    expect(headings(md, 2)).toEqual(samplePages.map((p) => p.title));
    expect(md).toContain('导出于 2024-04-20：2 个文档，6 条批注。');
  });

  it('lists each document’s 文号, 成文日期, site and URL under its heading', () => {
    const tokens = topLevel(md);
    const firstDoc = tokens.findIndex((t) => t.type === 'heading' && t.depth === 2);
    const facts = tokens.slice(firstDoc).find((t): t is Tokens.List => t.type === 'list')!;
    expect(facts.items.map((i) => inlineText(i.tokens))).toEqual([
      '文号：山政办发〔2024〕12号',
      '成文日期：2024-03-05',
      '网站：www.shanhe.gov.cn',
      `网址：${NOTICE_URL}`,
    ]);
    const link = (facts.items[3]!.tokens[0] as Tokens.Text).tokens!.find((t) => t.type === 'link') as Tokens.Link;
    expect(link.href).toBe(NOTICE_URL);
    expect(md).toContain(`- 网址：<${PLAN_URL}>`);
    expect(md).not.toContain('文号：null');
  });

  it('puts every quote in a blockquote, exactly, under its document in reading order', () => {
    const quotes = topLevel(md)
      .filter((t): t is Tokens.Blockquote => t.type === 'blockquote')
      .map(quoteText);
    const expected = [sampleNotes[3]!, sampleNotes[1]!, sampleNotes[2]!, sampleNotes[4]!, sampleNotes[5]!].map((n) =>
      n.target.type === 'page' ? '' : quoteLines(n.target.quote.exact),
    );
    expect(quotes).toEqual(expected);
    expect(headings(md, 3)).toEqual([
      '1. 整页批注',
      '2. 文号 山政发〔2023〕27号',
      '3. 摘录',
      '4. 期限 2024年4月30日前',
      '1. 单位 县交通运输局',
      '2. 期限 每季度末',
    ]);
  });

  it('keeps the reader’s text, tags and task status with days left or overdue', () => {
    expect(md).toContain('问林业站：隔离带宽度标准是多少？\\\n第二行, 含逗号; 分号 \\\\ 反斜杠');
    expect(md).toContain('- 标签：森林防火、重点');
    expect(md).toContain('- 状态：待办，截止 2024-03-15（已逾期 36 天）');
    expect(md).toContain('- 状态：已完成（截止 2024-04-30）');
    expect(md).toContain('- 状态：待办，截止 2026-06-30（还剩 801 天）');
    expect(md).toContain('- 状态：待办\n'); // a deadline note without a date
    const dueToday = notesToMarkdown([{ ...sampleNotes[1]!, due: TODAY }], samplePages, { today: TODAY });
    expect(dueToday).toContain('（今天到期）');
    expect(md).toContain('\n=SUM(A1:A9) 这是读者写的，不是公式\n');
    expect(md).toContain('- 标签：交通、+1\n');
  });

  it('escapes Markdown in page text and notes so nothing becomes a heading, link, list or HTML', () => {
    const hostile: Note = {
      ...sampleNotes[1]!,
      url: 'http://www.shanhe.gov.cn/x.html',
      pageTitle: '# 标题 [点此](javascript:alert(1)) <b>粗</b> ##',
      docNumber: '*山政发*〔2024〕1号',
      target: {
        type: 'selection',
        quote: {
          type: 'TextQuoteSelector',
          exact:
            '## 假标题\n> 引用\n- 列表\n+\n1. 有序\n2)\n[链接](http://evil.example)\n![图](x.png)\n<script>alert(1)</script>\n&lt; `代码` **粗** ~~删~~ a|b\n---\n===\n- - -\n= =\nhttp://evil.example www.evil.example a@b.cn',
        },
        position: { type: 'TextPositionSelector', start: 0, end: 10 },
      },
      body: '<img src=x onerror=alert(1)>\n    缩进四格\n+ 加号',
      tags: ['[标签](x)'],
    };
    const out = notesToMarkdown([hostile], [], { today: TODAY });
    const tokens = marked.lexer(out);
    const types = new Set<string>();
    const links: string[] = [];
    const walk = (ts: Token[]) => {
      for (const t of ts) {
        if (t.type === 'link') links.push((t as Tokens.Link).href);
        else types.add(t.type);
        if ('tokens' in t && t.tokens) walk(t.tokens);
        if (t.type === 'list') for (const i of (t as Tokens.List).items) walk(i.tokens);
      }
    };
    walk(tokens);
    for (const bad of ['html', 'link', 'image', 'codespan', 'strong', 'em', 'del', 'code', 'hr', 'table']) {
      expect(types.has(bad), bad).toBe(false);
    }
    // The one link is ours: the document's URL.
    expect(links).toEqual([hostile.url]);
    expect(headings(out, 2)).toEqual(['# 标题 [点此](javascript:alert(1)) <b>粗</b> ##']);
    expect(headings(out, 3)).toEqual(['1. 摘录']);
    const quote = tokens.find((t): t is Tokens.Blockquote => t.type === 'blockquote')!;
    expect(quote.tokens.map((t) => t.type).filter((t) => t !== 'space')).toEqual(['paragraph']);
    expect(quoteText(quote)).toBe(quoteLines((hostile.target as { quote: { exact: string } }).quote.exact));
    // The only lists are our own fact lists (document facts, note facts).
    expect(tokens.filter((t) => t.type === 'list')).toHaveLength(2);
    expect(marked.parse(out)).not.toMatch(/<(script|img|b)\b/);
  });

  /** Text made of Markdown syntax characters, so structure would appear if escaping missed any. */
  const markdownish = fc.string({ unit: fc.constantFrom(...'#>-+*=_`[]()!<>|~&\\:/@. \n\t1)a县w'), maxLength: 40 });

  it('keeps any quote exactly (up to blank lines and line-edge spaces) and adds no structure (property)', () => {
    fc.assert(
      fc.property(noteArb, markdownish, markdownish, markdownish, (base, quote, body, title) => {
        const note: Note =
          base.target.type === 'page'
            ? { ...base, body, pageTitle: title }
            : { ...base, body, pageTitle: title, target: { ...base.target, quote: { ...base.target.quote, exact: quote || 'x' } } };
        const out = notesToMarkdown([note], [], { today: TODAY });
        const tokens = marked.lexer(out);
        expect(tokens.filter((t) => t.type === 'heading').map((t) => (t as Tokens.Heading).depth)).toEqual([1, 2, 3]);
        const quotes = tokens.filter((t): t is Tokens.Blockquote => t.type === 'blockquote');
        if (note.target.type === 'page' || quoteLines(note.target.quote.exact) === '') expect(quotes).toHaveLength(0);
        else {
          expect(quotes).toHaveLength(1);
          expect(quoteText(quotes[0]!)).toBe(quoteLines(note.target.quote.exact));
        }
        expect(tokens.some((t) => t.type === 'html' || t.type === 'code' || t.type === 'table' || t.type === 'hr')).toBe(false);
        // Only our two fact lists (document, note); nothing inline but text, escapes and line breaks.
        expect(tokens.filter((t) => t.type === 'list')).toHaveLength(2);
        const inline = tokens
          .filter((t): t is Tokens.Paragraph | Tokens.Heading => t.type === 'paragraph' || t.type === 'heading')
          .concat(quotes.flatMap((q) => q.tokens.filter((t): t is Tokens.Paragraph => t.type === 'paragraph')))
          .flatMap((t) => t.tokens);
        expect(inline.filter((t) => !['text', 'escape', 'br'].includes(t.type))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('writes a short document when there are no notes', () => {
    const empty = notesToMarkdown([], samplePages, { today: TODAY });
    expect(headings(empty, 2)).toEqual([]);
    expect(empty).toContain('0 个文档，0 条批注');
  });
});
