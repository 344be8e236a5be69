/**
 * An article's editable fields, listed once, in the order the form and the revision diff show
 * them, each with how it is kept. The web admin's form values, the form's input to the service,
 * the revision snapshot and the validation schema (src/admin/article-input.ts) derive from it,
 * so a new field is added here and the compiler names every place that must handle it.
 */
export const ARTICLE_FIELDS = {
  title: 'text',
  slug: 'text',
  lead: 'text',
  body: 'text',
  author: 'text',
  source: 'text',
  categoryId: 'id',
  status: 'text',
  publishedAt: 'time',
  coverImage: 'optional-text',
  coverAlt: 'text',
  commentsEnabled: 'boolean',
  // Kept in article_topics: not part of a revision.
  topics: 'topics',
} as const

/** How a field is kept: text, a row id, a time (Date, or null), a flag, or a list of topics. */
export type ArticleFieldKind = (typeof ARTICLE_FIELDS)[ArticleField]

export type ArticleField = keyof typeof ARTICLE_FIELDS

/** The fields a revision keeps: all but the topics. */
export type RevisedField = Exclude<ArticleField, 'topics'>

/** Every field name, in ARTICLE_FIELDS's order. */
export const ARTICLE_FIELD_NAMES = Object.keys(ARTICLE_FIELDS) as ArticleField[]

/** The fields of a revision snapshot, in the order the diff view shows them. */
export const SNAPSHOT_FIELDS = ARTICLE_FIELD_NAMES.filter(
  (f): f is RevisedField => ARTICLE_FIELDS[f] !== 'topics',
)
