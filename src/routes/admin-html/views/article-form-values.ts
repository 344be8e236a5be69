import type { AdminArticle } from '../../../admin/articles'
import {
  ARTICLE_FIELD_NAMES,
  ARTICLE_FIELDS,
  type ArticleField,
  type ArticleFieldKind,
} from '../../../db/article-fields'
import { toVnIsoString } from '../../../lib/time'

/**
 * Values of the article form, one per field of ARTICLE_FIELDS (src/db/article-fields.ts), as
 * the form holds them: text (topics as names separated by commas, a time as Vietnam local
 * time `YYYY-MM-DDTHH:mm`), a flag as a boolean. So a rejected form shows what was typed.
 */
export type ArticleFormValues = {
  [F in ArticleField]: (typeof ARTICLE_FIELDS)[F] extends 'boolean' ? boolean : string
}

/** One stored value as the form shows it. */
function formValue(kind: ArticleFieldKind, value: unknown): string | boolean {
  switch (kind) {
    case 'boolean':
      return Boolean(value)
    case 'time':
      return value instanceof Date ? toVnIsoString(value).slice(0, 16) : ''
    case 'topics':
      return (value as { name: string }[]).map((t) => t.name).join(', ')
    default:
      return value === null || value === undefined ? '' : String(value)
  }
}

/** A stored article as the form shows it. */
export function articleFormValues(a: AdminArticle): ArticleFormValues {
  const values: Record<string, string | boolean> = {}
  for (const field of ARTICLE_FIELD_NAMES)
    values[field] = formValue(ARTICLE_FIELDS[field], a[field])
  return values as ArticleFormValues
}

/**
 * What a posted form holds, field by field (`read` gives a field's text, '' when absent): text
 * as typed, a flag true only when its checkbox sent `true`.
 */
export function postedFormValues(read: (field: string) => string): ArticleFormValues {
  const values: Record<string, string | boolean> = {}
  for (const field of ARTICLE_FIELD_NAMES) {
    values[field] = ARTICLE_FIELDS[field] === 'boolean' ? read(field) === 'true' : read(field)
  }
  return values as ArticleFormValues
}

/** The form of a new article: empty but for the usual source, a draft, comments open. */
export const emptyArticleForm: ArticleFormValues = {
  ...postedFormValues(() => ''),
  source: 'HNP',
  status: 'draft',
  commentsEnabled: true,
}
