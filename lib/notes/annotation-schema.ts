/**
 * Zod schema of the JSON-LD file toAnnotationCollection writes (web-annotation.ts): every field
 * of ours checked with the model's own schemas (note-schema.ts). It parses to the exporter's types,
 * so fromAnnotationCollection can turn a parsed file into notes without further checks.
 */
import { z } from 'zod';
import {
  DEADLINE_PRECISIONS,
  UNIT_ROLES,
  isoDateSchema,
  noteColorSchema,
  noteStatusSchema,
  pageUrlSchema,
  tagSchema,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
  timestampSchema,
  uuidSchema,
} from './note-schema';
import {
  ANNO_CONTEXT,
  EXPORT_VERSION,
  GL_NAMESPACE,
  type AnnotationCollection,
  type GlEntity,
  type GlPage,
  type TextualBody,
  type WebAnnotation,
} from './web-annotation';

export const glContextSchema = z.tuple([z.literal(ANNO_CONTEXT), z.object({ gl: z.literal(GL_NAMESPACE) })]);

const annotationIdSchema = z
  .string()
  .refine((s) => s.startsWith('urn:uuid:') && uuidSchema.safeParse(s.slice('urn:uuid:'.length)).success, {
    message: '应为 urn:uuid: 加一个 UUID',
  });

/** An absolute URI (what the exporter writes as source / target). */
const sourceSchema = pageUrlSchema;

const textualBodySchema = z.discriminatedUnion('purpose', [
  z.object({
    type: z.literal('TextualBody'),
    purpose: z.literal('commenting'),
    value: z.string().min(1),
    format: z.literal('text/plain').optional(),
    language: z.literal('zh').optional(),
  }),
  z.object({ type: z.literal('TextualBody'), purpose: z.literal('tagging'), value: tagSchema }),
]);

const bodySchema = z
  .array(textualBodySchema)
  .min(1)
  .refine((bodies) => bodies.filter((b) => b.purpose === 'commenting').length <= 1, {
    message: '里有不止一段批注正文（purpose: commenting）',
  });

const specificResourceSchema = z.object({
  type: z.literal('SpecificResource'),
  source: sourceSchema,
  selector: z.tuple([textQuoteSelectorSchema, textPositionSelectorSchema]),
});

const glEntitySchema = z.discriminatedUnion('gl:kind', [
  z.object({ 'gl:kind': z.literal('docNumber'), 'gl:text': z.string().min(1), 'gl:normalized': z.string().min(1) }),
  z.object({
    'gl:kind': z.literal('deadline'),
    'gl:text': z.string().min(1),
    'gl:date': isoDateSchema.optional(),
    'gl:precision': z.enum(DEADLINE_PRECISIONS),
  }),
  z.object({
    'gl:kind': z.literal('unit'),
    'gl:text': z.string().min(1),
    'gl:name': z.string().min(1),
    'gl:role': z.enum(UNIT_ROLES),
  }),
]);

export const webAnnotationSchema = z
  .object({
    '@context': glContextSchema.optional(),
    id: annotationIdSchema,
    type: z.literal('Annotation'),
    motivation: z.enum(['bookmarking', 'commenting', 'tagging', 'highlighting']),
    created: timestampSchema,
    modified: timestampSchema,
    body: bodySchema.optional(),
    target: z.union([sourceSchema, specificResourceSchema]),
    'gl:url': pageUrlSchema.optional(),
    'gl:pageTitle': z.string(),
    'gl:site': z.string(),
    'gl:docNumber': z.string().min(1).optional(),
    'gl:docDate': isoDateSchema.optional(),
    'gl:color': noteColorSchema,
    'gl:status': noteStatusSchema,
    'gl:due': isoDateSchema.optional(),
    'gl:entity': glEntitySchema.optional(),
  })
  .refine((a) => a['gl:entity'] === undefined || typeof a.target !== 'string', {
    message: '不能出现在整页批注（target 是网址）上',
    path: ['gl:entity'],
  });

const glPageSchema = z.object({
  'gl:url': pageUrlSchema,
  'gl:title': z.string(),
  'gl:site': z.string(),
  'gl:docNumber': z.string().min(1).optional(),
  'gl:docDate': isoDateSchema.optional(),
  'gl:updatedAt': timestampSchema,
});

export const annotationCollectionSchema = z
  .object({
    '@context': glContextSchema,
    id: z.string().min(1),
    type: z.literal('AnnotationCollection'),
    label: z.string(),
    created: timestampSchema,
    total: z.int().min(0),
    first: z.object({
      id: z.string().min(1),
      type: z.literal('AnnotationPage'),
      startIndex: z.literal(0),
      items: z.array(webAnnotationSchema),
    }),
    'gl:version': z.literal(EXPORT_VERSION),
    'gl:pages': z.array(glPageSchema),
  })
  .refine((c) => c.total === c.first.items.length, {
    message: '与批注条数不符（文件可能被截断或改动过）',
    path: ['total'],
  });

// The schema parses to exactly what the exporter writes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameExport: [
  Same<z.infer<typeof textualBodySchema>, TextualBody>,
  Same<z.infer<typeof glEntitySchema>, GlEntity>,
  Same<z.infer<typeof glPageSchema>, GlPage>,
  Same<z.infer<typeof webAnnotationSchema>, WebAnnotation>,
  Same<z.infer<typeof annotationCollectionSchema>, AnnotationCollection>,
] = [true, true, true, true, true];
void sameExport;
