import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ANNO_CONTEXT,
  GL_NAMESPACE,
  fromAnnotation,
  fromAnnotationCollection,
  serializeCollection,
  toAnnotation,
  toAnnotationCollection,
  type SpecificResourceTarget,
} from '@/lib/notes/web-annotation';
import { parseNotesFile } from '@/lib/notes/notes-file';
import { toUri } from '@/lib/uri';
import { annotatedPageSchema, noteSchema } from '@/lib/notes/note-schema';
import { NOTICE_URL, notesArb, pagesArb, sampleNotes, samplePages } from './notes-fixtures';

const NOW = new Date('2024-05-01T06:00:00.000Z');
const ID = 'urn:uuid:0d9c8b7a-6f5e-4d3c-8b2a-190817263544';
const exportOf = (notes = sampleNotes, pages = samplePages) => toAnnotationCollection(notes, pages, { now: NOW, id: ID });

describe('W3C Web Annotation export', () => {
  it('writes an AnnotationCollection with one embedded AnnotationPage holding every note', () => {
    const c = exportOf();
    expect(c['@context']).toEqual([ANNO_CONTEXT, { gl: GL_NAMESPACE }]);
    expect(c).toMatchObject({ id: ID, type: 'AnnotationCollection', total: 6, created: '2024-05-01T06:00:00.000Z' });
    expect(c.first).toMatchObject({ type: 'AnnotationPage', startIndex: 0 });
    expect(c.first.items.map((a) => a.id)).toEqual(sampleNotes.map((n) => `urn:uuid:${n.id}`));
    // Items inherit the collection's @context instead of repeating it.
    expect(c.first.items.every((a) => !('@context' in a))).toBe(true);
    expect(c['gl:pages'].map((p) => p['gl:url'])).toEqual(samplePages.map((p) => p.url));
  });

  it('targets the page URL for a page note, and the passage (quote + position selectors) otherwise', () => {
    const [pageNote, selection, deadline] = sampleNotes;
    const a = toAnnotation(pageNote!);
    expect(a['@context']).toEqual([ANNO_CONTEXT, { gl: GL_NAMESPACE }]);
    expect(a.target).toBe(NOTICE_URL);

    const s = toAnnotation(selection!).target as SpecificResourceTarget;
    expect(s).toEqual({
      type: 'SpecificResource',
      source: NOTICE_URL,
      selector: [
        { type: 'TextQuoteSelector', exact: '各乡镇要在3月15日前完成防火隔离带清理', prefix: '二、工作要求\n', suffix: '，并将' },
        { type: 'TextPositionSelector', start: 412, end: 431 },
      ],
    });
    const d = toAnnotation(deadline!);
    expect(d['gl:entity']).toEqual({ 'gl:kind': 'deadline', 'gl:text': '2024年4月30日前', 'gl:date': '2024-04-30', 'gl:precision': 'day' });
    expect(d['gl:due']).toBe('2024-04-30');
    expect(d['gl:status']).toBe('done');
  });

  it('writes the body as plain Chinese text and each tag as a tagging body', () => {
    const a = toAnnotation(sampleNotes[0]!);
    expect(a.body).toEqual([
      { type: 'TextualBody', purpose: 'commenting', value: '全文要点：重点林区严禁野外用火。', format: 'text/plain', language: 'zh' },
      { type: 'TextualBody', purpose: 'tagging', value: '森林防火' },
      { type: 'TextualBody', purpose: 'tagging', value: '重点' },
    ]);
    expect(toAnnotation(sampleNotes[5]!).body).toBeUndefined(); // no words, no tags
  });

  it('picks the motivation from what the note is', () => {
    const motivations = sampleNotes.map((n) => toAnnotation(n).motivation);
    // page comment, task, done task on a deadline, comment on a 文号, task on a unit, deadline kept without words
    expect(motivations).toEqual(['commenting', 'bookmarking', 'bookmarking', 'commenting', 'bookmarking', 'bookmarking']);
    const plain = { ...sampleNotes[3]!, body: '' };
    expect(toAnnotation(plain).motivation).toBe('highlighting');
    expect(toAnnotation({ ...plain, tags: ['学习'] }).motivation).toBe('tagging');
  });

  it('leaves null fields out instead of writing null', () => {
    const json = serializeCollection(exportOf());
    expect(json).not.toContain('null');
    const plan = toAnnotation(sampleNotes[4]!);
    expect('gl:docNumber' in plan).toBe(false);
    expect('gl:docDate' in plan).toBe(false);
  });

  it('gives back the same notes and pages, and the same bytes when exported again', () => {
    const c = exportOf();
    const back = fromAnnotationCollection(c);
    expect(back.notes).toStrictEqual(sampleNotes);
    expect(back.pages).toStrictEqual(samplePages);
    expect(serializeCollection(exportOf(back.notes, back.pages))).toBe(serializeCollection(c));
    expect(serializeCollection(c)).toBe(JSON.stringify(c, null, 2));
  });

  it('round-trips any valid notes and pages through the file, byte for byte (property)', () => {
    fc.assert(
      fc.property(notesArb, pagesArb, (notes, pages) => {
        for (const n of notes) expect(noteSchema.safeParse(n).success).toBe(true);
        for (const p of pages) expect(annotatedPageSchema.safeParse(p).success).toBe(true);
        const file = serializeCollection(exportOf(notes, pages));
        const parsed = parseNotesFile(file);
        if (!parsed.ok) throw new Error(parsed.error);
        expect(parsed.notes).toStrictEqual(notes);
        expect(parsed.pages).toStrictEqual(pages);
        expect(serializeCollection(exportOf(parsed.notes, parsed.pages))).toBe(file);
        for (const n of notes) expect(fromAnnotation(toAnnotation(n))).toStrictEqual(n);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('keeps a page URL that is not a strict RFC 3986 URI in gl:url, and writes an encoded source', () => {
    const odd = { ...sampleNotes[1]!, url: 'http://www.shanhe.gov.cn/a|b/文件 1.html?q=[1]' };
    const a = toAnnotation(odd);
    const source = (a.target as SpecificResourceTarget).source;
    expect(source).toBe('http://www.shanhe.gov.cn/a%7Cb/%E6%96%87%E4%BB%B6%201.html?q=%5B1%5D');
    expect(a['gl:url']).toBe(odd.url);
    expect(fromAnnotation(a).url).toBe(odd.url);
    expect('gl:url' in toAnnotation(sampleNotes[1]!)).toBe(false);
    expect(toUri('https://[2001:db8::1]:8443/x%zz#a#b')).toBe('https://[2001:db8::1]:8443/x%25zz#a%23b');
  });

  it('gives every export a fresh collection id unless one is passed', () => {
    const a = toAnnotationCollection([], [], { now: NOW });
    const b = toAnnotationCollection([], [], { now: NOW });
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.first.id).toBe(`${a.id}#page1`);
  });
});
