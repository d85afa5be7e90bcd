/**
 * Zod schemas of the notes data model (lib/notes/note.ts): what a valid Note and AnnotatedPage are.
 * Shared by the JSON import (annotation-schema.ts) and, later, the background's message checks.
 * Objects are not strict: unknown keys are dropped from the parsed value, never kept.
 */
import { z } from 'zod';
import type { DeadlinePrecision, UnitRole } from '../entity';
import {
  NOTE_COLORS,
  NOTE_STATUSES,
  type AnnotatedPage,
  type Note,
  type NoteEntity,
  type NoteTarget,
  type TextPositionSelector,
  type TextQuoteSelector,
} from './note';

// Extension pages forbid eval (CSP script-src 'self'): zod's compiled parsers would only probe
// `new Function` and fall back. Interpreted parsing from the start, the same in Node and browsers.
z.config({ jitless: true });

export const DEADLINE_PRECISIONS = [
  'day',
  'month',
  'quarter',
  'half',
  'year',
  'range',
  'relative',
  'recurring',
  'ongoing',
] as const satisfies readonly DeadlinePrecision[];
export const UNIT_ROLES = ['lead', 'support', 'responsible'] as const satisfies readonly UnitRole[];

// Compile-time proof that the lists above name every member of their union.
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const coversPrecisions: Covers<DeadlinePrecision, (typeof DEADLINE_PRECISIONS)[number]> = true;
const coversRoles: Covers<UnitRole, (typeof UNIT_ROLES)[number]> = true;
void coversPrecisions;
void coversRoles;

/** Notes are written on web pages (and local files opened in the browser), nothing else. */
const PAGE_PROTOCOLS = new Set(['http:', 'https:', 'file:']);

function isPageUrl(s: string): boolean {
  try {
    return PAGE_PROTOCOLS.has(new URL(s).protocol);
  } catch {
    return false;
  }
}

/** RFC 4122 / 9562 uuid, any case (crypto.randomUUID() gives lower case). */
export const uuidSchema = z.uuid();
/** ISO 8601 UTC timestamp with Z, as note.ts stores them (2026-11-23T08:15:00.000Z). */
export const timestampSchema = z.iso.datetime();
/** A real calendar day, YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();
/** An absolute http(s) or file URL (as `new URL()` reads it); the page key of a note. */
export const pageUrlSchema = z.string().refine(isPageUrl, { message: '不是有效的网页网址（http、https 或 file）' });
export const noteStatusSchema = z.enum(NOTE_STATUSES);
export const noteColorSchema = z.enum(NOTE_COLORS);

export const textQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});

export const textPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.int().min(0),
    end: z.int().min(0),
  })
  .refine((s) => s.start <= s.end, { message: '不能小于 start', path: ['end'] });

export const noteEntitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('docNumber'), text: z.string().min(1), normalized: z.string().min(1) }),
  z.object({
    kind: z.literal('deadline'),
    text: z.string().min(1),
    date: isoDateSchema.nullable(),
    precision: z.enum(DEADLINE_PRECISIONS),
  }),
  z.object({ kind: z.literal('unit'), text: z.string().min(1), name: z.string().min(1), role: z.enum(UNIT_ROLES) }),
]);

export const noteTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('page') }),
  z.object({ type: z.literal('selection'), quote: textQuoteSelectorSchema, position: textPositionSelectorSchema }),
  z.object({
    type: z.literal('entity'),
    entity: noteEntitySchema,
    quote: textQuoteSelectorSchema,
    position: textPositionSelectorSchema,
  }),
]);

export const tagSchema = z.string().min(1);

export const noteSchema = z.object({
  id: uuidSchema,
  url: pageUrlSchema,
  pageTitle: z.string(),
  site: z.string(),
  docNumber: z.string().min(1).nullable(),
  docDate: isoDateSchema.nullable(),
  target: noteTargetSchema,
  body: z.string(),
  tags: z.array(tagSchema),
  color: noteColorSchema,
  status: noteStatusSchema,
  due: isoDateSchema.nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export const annotatedPageSchema = z.object({
  url: pageUrlSchema,
  title: z.string(),
  site: z.string(),
  docNumber: z.string().min(1).nullable(),
  docDate: isoDateSchema.nullable(),
  updatedAt: timestampSchema,
});

// The schemas parse to exactly the model's types (a drift in either fails the typecheck).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameSelectors: [
  Same<z.infer<typeof textQuoteSelectorSchema>, TextQuoteSelector>,
  Same<z.infer<typeof textPositionSelectorSchema>, TextPositionSelector>,
] = [true, true];
const sameModel: [
  Same<z.infer<typeof noteEntitySchema>, NoteEntity>,
  Same<z.infer<typeof noteTargetSchema>, NoteTarget>,
  Same<z.infer<typeof noteSchema>, Note>,
  Same<z.infer<typeof annotatedPageSchema>, AnnotatedPage>,
] = [true, true, true, true];
void sameSelectors;
void sameModel;
