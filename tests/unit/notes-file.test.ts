import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseNotesFile } from '@/lib/notes/notes-file';
import { serializeCollection, toAnnotationCollection } from '@/lib/notes/web-annotation';
import { notesToCsv } from '@/lib/notes/csv';
import { notesToIcs } from '@/lib/notes/ical';
import { notesToMarkdown } from '@/lib/notes/markdown';
import { sampleNotes, samplePages } from './notes-fixtures';

const NOW = new Date('2024-05-01T06:00:00.000Z');
const exportText = () => serializeCollection(toAnnotationCollection(sampleNotes, samplePages, { now: NOW }));
/** The export as a plain object to break on purpose. */
const exported = (): any => JSON.parse(exportText());

function errorOf(input: unknown, options?: Parameters<typeof parseNotesFile>[1]): string {
  const r = parseNotesFile(typeof input === 'string' ? input : JSON.stringify(input, null, 2), options);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
}

describe('parseNotesFile', () => {
  it('reads our export back, with or without a BOM', () => {
    for (const text of [exportText(), `\uFEFF${exportText()}`]) {
      const r = parseNotesFile(text);
      expect(r.ok && r.notes).toStrictEqual(sampleNotes);
      expect(r.ok && r.pages).toStrictEqual(samplePages);
    }
  });

  it('refuses an empty file', () => {
    for (const text of ['', '   \n\t', '\uFEFF']) expect(errorOf(text)).toMatch(/^文件是空的/);
  });

  it('refuses an oversized file and names the limit', () => {
    const text = exportText();
    expect(errorOf(text, { maxBytes: 2048 })).toMatch(/^文件太大（\d+(\.\d)? KB），超过 2 KB 的上限/);
    expect(parseNotesFile(text, { maxBytes: new TextEncoder().encode(text).length }).ok).toBe(true);
    // Counted in UTF-8 bytes, not characters: 3 000 Chinese characters are 9 000 bytes.
    const chinese = JSON.stringify({ note: '县'.repeat(3000) });
    expect(errorOf(chinese, { maxBytes: 8000 })).toMatch(/^文件太大/);
    expect(errorOf('x'.repeat(21 * 1024 * 1024))).toMatch(/超过 20 MB 的上限/);
  });

  it('takes the size of the chosen file when the caller gives it', () => {
    const text = exportText();
    expect(errorOf(text, { byteLength: 21 * 1024 * 1024 })).toMatch(/^文件太大（21 MB），超过 20 MB 的上限/);
    const chinese = `${text.slice(0, -1)}, "x": "${'县'.repeat(3000)}"}`;
    expect(parseNotesFile(chinese, { maxBytes: 8000, byteLength: 7999 }).ok).toBe(true);
  });

  it('says a cut-off file looks truncated, wherever it was cut', () => {
    const text = exportText();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: text.length - 1 }), (cut) => {
        const head = text.slice(0, cut);
        if (head.trim() === '') return;
        expect(errorOf(head)).toMatch(/^文件看起来不完整，在结尾处被截断了/);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('points at the line and column of malformed JSON', () => {
    const lines = exportText().split('\n');
    lines[4] = `${lines[4]},`; // a trailing comma after "label"
    const error = errorOf(lines.join('\n'));
    expect(error).toMatch(/^文件不是有效的 JSON：第 [56] 行第 \d+ 列附近有错误/);
    expect(errorOf('{"a": 1}}')).toMatch(/^文件不是有效的 JSON：第 1 行第 9 列附近有错误/);
    expect(errorOf('hello')).toMatch(/^文件不是有效的 JSON/);
  });

  it('recognises our other export formats and says only JSON can be imported', () => {
    expect(errorOf(notesToCsv(sampleNotes))).toMatch(/^这是公报透镜导出的表格文件（\.csv），只能导入 JSON/);
    expect(errorOf(notesToIcs(sampleNotes, { now: NOW }))).toMatch(/^这是公报透镜导出的日历文件（\.ics）/);
    expect(errorOf(notesToMarkdown(sampleNotes, samplePages, { today: '2024-05-01' }))).toMatch(/^这是公报透镜导出的Markdown 文件/);
  });

  it('refuses JSON that is not a collection of ours', () => {
    expect(errorOf([1, 2])).toMatch(/^这不是公报透镜导出的批注文件/);
    expect(errorOf({ rows: [] })).toMatch(/^这不是公报透镜导出的批注文件.*not an AnnotationCollection exported by/);
    const foreign = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', id: 'http://example.org/c', total: 0 };
    expect(errorOf(foreign)).toMatch(/^这是一份 W3C 批注集合，但不是公报透镜导出的/);
    expect(errorOf({ ...exported(), 'gl:version': 2 })).toMatch(/^这份文件来自更新版本的公报透镜（文件格式 2/);
  });

  it('names the item and field that is wrong', () => {
    const cases: [(c: any) => void, RegExp][] = [
      [(c) => delete c.first.items[2].created, /^第 3 条批注：缺少 created。/],
      [(c) => (c.first.items[0].id = 'urn:uuid:not-a-uuid'), /^第 1 条批注：id 应为 urn:uuid: 加一个 UUID/],
      [(c) => (c.first.items[1].modified = '2024-03-07 08:00'), /^第 2 条批注：modified 不是 ISO 8601 UTC 时间/],
      [(c) => (c.first.items[1]['gl:due'] = '2024-02-30'), /^第 2 条批注：gl:due 不是有效的日期（应形如 2026-11-23）/],
      [(c) => (c.first.items[0]['gl:color'] = 'red'), /^第 1 条批注：gl:color 应为 "yellow" 或 "green" 或 "blue" 或 "pink" 或 "purple"/],
      [(c) => (c.first.items[0]['gl:status'] = undefined), /^第 1 条批注：缺少 gl:status/],
      [(c) => (c.first.items[1].target.selector[1].start = 500), /^第 2 条批注：target\.selector\[1\]\.end 不能小于 start/],
      [(c) => (c.first.items[1].target.selector[1].end = -1), /^第 2 条批注：target\.selector\[1\]\.end 不能小于 0/],
      [(c) => (c.first.items[1].target.selector[0].exact = ''), /^第 2 条批注：target\.selector\[0\]\.exact 不能为空/],
      [(c) => delete c.first.items[1].target.source, /^第 2 条批注：缺少 target\.source/],
      [(c) => (c.first.items[0].target = 'not a url'), /^第 1 条批注：target 不是有效的网页网址/],
      [(c) => (c.first.items[0].body[1].value = 7), /^第 1 条批注：body\[1\]\.value 应为文本/],
      [(c) => (c.first.items[0].body = []), /^第 1 条批注：body 至少要有 1 项/],
      [(c) => (c.first.items[2]['gl:entity']['gl:kind'] = 'person'), /^第 3 条批注：gl:entity\.gl:kind 不是认识的种类/],
      [(c) => (c.first.items[0]['gl:entity'] = c.first.items[2]['gl:entity']), /^第 1 条批注：gl:entity 不能出现在整页批注/],
      [(c) => (c['gl:pages'][1]['gl:updatedAt'] = 'yesterday'), /^第 2 条页面记录（gl:pages）：gl:updatedAt 不是 ISO 8601 UTC 时间/],
      [(c) => (c.total = 5), /^批注集合：total 与批注条数不符/],
      [(c) => delete c.first, /^批注集合：缺少 first/],
    ];
    for (const [breakIt, message] of cases) {
      const c = exported();
      breakIt(c);
      const error = errorOf(c);
      expect(error).toMatch(message);
      expect(error).toMatch(/请选择公报透镜“导出 → JSON”得到的文件。 \/ .+not an AnnotationCollection exported by Gazette Lens/);
    }
  });

  it('counts the other problems', () => {
    const c = exported();
    delete c.first.items[0].created;
    delete c.first.items[4].modified;
    expect(errorOf(c)).toMatch(/^第 1 条批注：缺少 created（另有 1 处问题）。/);
  });

  it('refuses duplicate ids and duplicate page records', () => {
    const c = exported();
    c.first.items.push(c.first.items[1]);
    c.total += 1;
    expect(errorOf(c)).toMatch(/^第 7 条批注和第 2 条的 id 相同（8a0b1c2d-3e4f-4a5b-8c6d-7e8f90a1b2c3）/);
    const p = exported();
    p['gl:pages'].push(p['gl:pages'][0]);
    expect(errorOf(p)).toMatch(/^第 3 条页面记录和第 1 条是同一网址/);
  });

  it('refuses more annotations than the limit', () => {
    expect(errorOf(exportText(), { maxNotes: 5 })).toMatch(/^文件里有 6 条批注，超过一次最多导入 5 条的上限/);
    expect(parseNotesFile(exportText(), { maxNotes: 6 }).ok).toBe(true);
  });

  it('never throws, whatever the text (property)', () => {
    const text = exportText();
    const mutated = fc
      .tuple(fc.nat({ max: text.length }), fc.nat({ max: 20 }), fc.string({ maxLength: 5 }))
      .map(([at, del, ins]) => text.slice(0, at) + ins + text.slice(at + del));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), mutated), (input) => {
        const r = parseNotesFile(input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error).toMatch(/[\u4e00-\u9fff].* \/ /);
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});
