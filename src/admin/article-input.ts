import * as z from 'zod/mini'
import { fieldErrors, requiredText } from '../lib/validation'
import { ARTICLE_STATUSES } from '../db/schema'
import { slugify } from '../lib/slug'
import { isImageAddress } from '../media/media-key'
import { imagesWithoutAlt } from '../lib/markdown'
import { cleanText, textLength } from '../lib/text'
import { MAX_TOPICS } from '../db/topics'
import type { ArticleField } from '../db/article-fields'
import type { FieldErrors } from './errors'

/** Why a body with an image without a description (alt) is refused. */
export const BODY_ALT_MESSAGE =
  'Mỗi ảnh trong nội dung cần mô tả (alt) cho người không xem được ảnh: bấm vào ảnh và nhập ' +
  'mô tả (trong Markdown: ![mô tả ảnh](/media/…)).'

/** Why a cover without a description is refused. */
export const COVER_ALT_MESSAGE =
  'Vui lòng nhập mô tả ảnh đại diện (alt) cho người không xem được ảnh.'

export const COVER_IMAGE_MESSAGE =
  'Ảnh đại diện phải là ảnh đã tải lên (/media/…) hoặc địa chỉ https.'

/** Characters (code points) each article field may hold; the importer keeps to them too. */
export const ARTICLE_LIMITS = {
  title: 300,
  lead: 1000,
  body: 200_000,
  author: 100,
  source: 50,
  topic: 60,
} as const

/** Vietnam is UTC+07:00 all year. */
const VN_OFFSET = '+07:00'

/**
 * Reads a publish time: ISO 8601 with an offset (`2026-11-26T08:00:00Z`), or a local Vietnam
 * time as an HTML `datetime-local` input sends it (`2026-11-26T15:00`).
 */
export function parsePublishTime(raw: string): Date | null {
  const text = raw.trim()
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text)
  const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(
    text,
  )
  if (!local && !withOffset) return null
  const date = new Date(local ? `${text}${text.length === 16 ? ':00' : ''}${VN_OFFSET}` : text)
  const year = date.getUTCFullYear()
  return Number.isNaN(date.getTime()) || year < 1990 || year > 2200 ? null : date
}

const text = (max: number, label: string, multiline = false) =>
  z
    .pipe(
      z.string({ error: `${label} phải là văn bản.` }),
      z.transform((v: string) => cleanText(v, { multiline })),
    )
    .check(z.refine((v) => v.length <= max, `${label} không được dài quá ${max} ký tự.`))

/** A checkbox or JSON boolean. */
const booleanish = z.union(
  [
    z.boolean(),
    z.pipe(
      z.enum(['on', 'true', '1', 'false', '0', '']),
      z.transform((v: 'on' | 'true' | '1' | 'false' | '0' | '') => ['on', 'true', '1'].includes(v)),
    ),
  ],
  { error: 'Giá trị bật/tắt không hợp lệ.' },
)

const categoryMessage = 'Vui lòng chọn chuyên mục.'

/**
 * An optional time field (`label`: its name in messages): a time as parsePublishTime reads it,
 * '' or null for none. Output: a Date or null.
 */
export function optionalTime(label: string) {
  return z.nullable(
    z.pipe(
      z
        .string({ error: `${label} không hợp lệ.` })
        .check(
          z.refine(
            (v) => v.trim() === '' || parsePublishTime(v) !== null,
            `${label} không hợp lệ (ví dụ 2026-11-26T15:00).`,
          ),
        ),
      z.transform((v: string) => (v.trim() === '' ? null : parsePublishTime(v))),
    ),
  )
}

/** Topics: names separated by commas (a form) or a list (JSON); at most 10, 60 characters each. */
const topicNames = z
  .pipe(
    z.union([z.string(), z.array(z.string())], { error: 'Chủ đề phải là văn bản.' }),
    z.transform((v: string | string[]) =>
      (Array.isArray(v) ? v : v.split(/[,;\n]/)).map((t) => cleanText(t)).filter(Boolean),
    ),
  )
  .check(
    z.refine((list) => list.length <= MAX_TOPICS, `Tối đa ${MAX_TOPICS} chủ đề.`),
    z.refine(
      (list) => list.every((t) => textLength(t) <= ARTICLE_LIMITS.topic),
      `Mỗi chủ đề không được dài quá ${ARTICLE_LIMITS.topic} ký tự.`,
    ),
  )

/** The rule of each field of ARTICLE_FIELDS (the compiler checks none is missing or extra). */
const fields = {
  title: requiredText('tiêu đề', ARTICLE_LIMITS.title),
  topics: topicNames,
  slug: z.pipe(
    z.string({ error: 'Đường dẫn phải là văn bản.' }).check(z.maxLength(200, 'Đường dẫn quá dài.')),
    z.transform((v: string) => slugify(v)),
  ),
  lead: text(ARTICLE_LIMITS.lead, 'Tóm tắt', true),
  body: text(ARTICLE_LIMITS.body, 'Nội dung', true).check(
    z.refine((v) => imagesWithoutAlt(v).length === 0, BODY_ALT_MESSAGE),
  ),
  author: text(ARTICLE_LIMITS.author, 'Tác giả'),
  source: text(ARTICLE_LIMITS.source, 'Nguồn'),
  categoryId: z.coerce
    .number({ error: categoryMessage })
    .check(z.refine((v) => Number.isInteger(v) && v > 0, categoryMessage)),
  status: z.enum(ARTICLE_STATUSES, { error: 'Trạng thái không hợp lệ.' }),
  // z.nullable, not a union with z.null(): a union hides its options' messages behind zod's
  // English "Invalid input".
  publishedAt: optionalTime('Thời gian đăng'),
  commentsEnabled: booleanish,
  coverAlt: text(300, 'Mô tả ảnh đại diện'),
  coverImage: z.nullable(
    z.pipe(
      z.string({ error: 'Ảnh đại diện không hợp lệ.' }).check(
        z.maxLength(500, 'Đường dẫn ảnh quá dài.'),
        z.refine((v) => v.trim() === '' || isImageAddress(v.trim()), COVER_IMAGE_MESSAGE),
      ),
      z.transform((v: string) => (v.trim() === '' ? null : v.trim())),
    ),
  ),
} satisfies Record<ArticleField, z.ZodMiniType>

const createSchema = z.object({
  ...fields,
  slug: z.optional(fields.slug),
  lead: z._default(fields.lead, ''),
  body: z._default(fields.body, ''),
  author: z._default(fields.author, ''),
  source: z._default(fields.source, ''),
  status: z._default(fields.status, 'draft'),
  publishedAt: z.optional(fields.publishedAt),
  commentsEnabled: z._default(booleanish, true),
  coverImage: z.optional(fields.coverImage),
  coverAlt: z._default(fields.coverAlt, ''),
  topics: z._default(fields.topics, []),
})

const updateSchema = z.partial(z.object(fields))

export type ArticleCreateInput = z.infer<typeof createSchema>
export type ArticleUpdateInput = z.infer<typeof updateSchema>

/** Validates a new article from JSON or a form; unknown fields are ignored. */
export function parseArticleCreate(
  raw: unknown,
): { ok: true; input: ArticleCreateInput } | { ok: false; errors: FieldErrors } {
  const parsed = createSchema.safeParse(raw ?? {})
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error) }
}

/** Validates a partial update; only the fields present are changed. */
export function parseArticleUpdate(
  raw: unknown,
): { ok: true; input: ArticleUpdateInput } | { ok: false; errors: FieldErrors } {
  const parsed = updateSchema.safeParse(raw ?? {})
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error) }
}
