import type { AdminArticle } from '../../../admin/articles'
import { toVnIsoString } from '../../../lib/time'

/** Values of the article form, as strings, so a rejected form shows what was typed. */
export type ArticleFormValues = {
  title: string
  slug: string
  lead: string
  body: string
  author: string
  source: string
  categoryId: string
  status: string
  publishedAt: string
  commentsEnabled: boolean
  coverImage: string
  coverAlt: string
  /** Topic names separated by commas. */
  topics: string
}

export function articleFormValues(a: AdminArticle): ArticleFormValues {
  return {
    title: a.title,
    slug: a.slug,
    lead: a.lead,
    body: a.body,
    author: a.author,
    source: a.source,
    categoryId: String(a.categoryId),
    status: a.status,
    publishedAt: a.publishedAt ? toVnIsoString(a.publishedAt).slice(0, 16) : '',
    commentsEnabled: a.commentsEnabled,
    coverImage: a.coverImage ?? '',
    coverAlt: a.coverAlt,
    topics: a.topics.map((t) => t.name).join(', '),
  }
}

export const emptyArticleForm: ArticleFormValues = {
  title: '',
  slug: '',
  lead: '',
  body: '',
  author: '',
  source: 'HNP',
  categoryId: '',
  status: 'draft',
  publishedAt: '',
  commentsEnabled: true,
  coverImage: '',
  coverAlt: '',
  topics: '',
}
