import { count, sql } from 'drizzle-orm'
import { renderMarkdown } from '../lib/markdown'
import { normalizeVietnamesePhone } from '../lib/phone'
import { slugify } from '../lib/slug'
import type { Database } from './client'
import { articles, categories, comments, featuredArticles, siteMeta } from './schema'
import { defaultSettings, saveSettingsQuery, type PortalSettings } from './settings'
import { articleTopicsStatements, topicsFromNames } from './topics'
import { baselineRevisionsStatement } from './revisions'
import { indexArticleStatements } from './search'

/* The shape of sample content the seed takes (src/content/sample.ts holds the content). */

export interface SampleCategory {
  name: string
  slug: string
  position: number
}

export interface SampleArticle {
  title: string
  /** Slug of the category. */
  category: string
  /** Local time in Vietnam, ISO 8601 with offset. */
  publishedAt: string
  lead: string
  /** Markdown. */
  body: string
  source: string
  author: string
  viewCount: number
  status?: 'draft' | 'published'
}

export interface SampleComment {
  /** Title of the article the comment belongs to. */
  article: string
  name: string
  phone?: string
  title: string
  content: string
  status: 'pending' | 'approved' | 'rejected'
  createdAt: string
}

export interface SampleContent {
  categories: SampleCategory[]
  articles: SampleArticle[]
  comments: SampleComment[]
  /** Topics ("Chủ đề") of an article, by its title. */
  topicsOf?: (title: string) => string[]
  /** Titles of the featured stories ("Tin nổi bật"), the lead story first. */
  featured?: string[]
  /** The portal's details, as an editor would set them in "Cài đặt". */
  settings?: Partial<PortalSettings>
}

/** Gives each title a unique slug, adding -2, -3, … on collisions. */
function slugsFor(titles: string[]): Map<string, string> {
  const taken = new Set<string>()
  const result = new Map<string, string>()
  for (const title of titles) {
    const base = slugify(title) || 'bai-viet'
    let slug = base
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
    taken.add(slug)
    result.set(title, slug)
  }
  return result
}

/**
 * Whether this database has never held content: no categories, no articles, no record of a
 * restore (site_meta) and no row ever inserted into a table with AUTOINCREMENT ids (SQLite's
 * `sqlite_sequence` keeps the highest id even after every row is deleted; wrangler's own
 * d1_migrations does not count). A database emptied by hand or by a failed restore is not new.
 */
export async function hasNeverHadContent(db: Database): Promise<boolean> {
  const [[cats], [arts], [meta]] = await db.batch([
    db.select({ n: count() }).from(categories),
    db.select({ n: count() }).from(articles),
    db.select({ n: count() }).from(siteMeta),
  ])
  if ((cats?.n ?? 0) > 0 || (arts?.n ?? 0) > 0 || (meta?.n ?? 0) > 0) return false
  const used = await db.get<{ n: number }>(
    sql`select count(*) as n from sqlite_sequence where name <> 'd1_migrations' and seq > 0`,
  )
  return (used?.n ?? 0) === 0
}

/**
 * Inserts `content` if the database has never had content (hasNeverHadContent), and reports
 * whether it did. Everything goes in one batch, which D1 runs as a single transaction: a failure
 * leaves the database empty, so the next start simply tries again.
 */
export async function seedIfEmpty(db: Database, content: SampleContent): Promise<boolean> {
  if (!(await hasNeverHadContent(db))) return false

  const slugs = slugsFor(content.articles.map((a) => a.title))
  const slugOf = (title: string) => {
    const slug = slugs.get(title)
    if (!slug) throw new Error(`Sample comment refers to an unknown article: ${title}`)
    return slug
  }
  const statements = [
    // Every sample category gets its block on the home page.
    ...content.categories.map((c) => db.insert(categories).values({ ...c, onHome: true })),
    ...content.articles.map((a) => {
      const publishedAt = new Date(a.publishedAt)
      return db.insert(articles).values({
        slug: slugOf(a.title),
        title: a.title.normalize('NFC'),
        source: a.source,
        lead: a.lead.normalize('NFC'),
        body: a.body.normalize('NFC'),
        bodyHtml: renderMarkdown(a.body),
        author: a.author,
        // Ids are assigned by D1 inside the same batch, so refer to them by slug.
        categoryId: sql`(select id from ${categories} where ${categories.slug} = ${a.category})`,
        status: a.status ?? 'published',
        publishedAt,
        createdAt: publishedAt,
        updatedAt: publishedAt,
        viewCount: a.viewCount,
      })
    }),
    // The search index, found by slug like the ids above.
    ...content.articles.flatMap((a) =>
      indexArticleStatements(db, {
        id: sql`(select id from ${articles} where ${articles.slug} = ${slugOf(a.title)})`,
        title: a.title.normalize('NFC'),
        lead: a.lead.normalize('NFC'),
        body: a.body.normalize('NFC'),
      }),
    ),
    ...content.comments.map((c) =>
      db.insert(comments).values({
        articleId: sql`(select id from ${articles} where ${articles.slug} = ${slugOf(c.article)})`,
        name: c.name,
        // Stored as the comment form stores it: E.164.
        phone: c.phone ? normalizeVietnamesePhone(c.phone) : null,
        title: c.title,
        content: c.content,
        status: c.status,
        createdAt: new Date(c.createdAt),
      }),
    ),
    ...content.articles.flatMap((a) => {
      const topics = topicsFromNames(content.topicsOf?.(a.title) ?? [])
      if (topics.length === 0) return []
      const id = sql`(select id from ${articles} where ${articles.slug} = ${slugOf(a.title)})`
      return articleTopicsStatements(db, id, topics)
    }),
    ...(content.featured ?? []).map((title, position) =>
      db.insert(featuredArticles).values({
        articleId: sql`(select id from ${articles} where ${articles.slug} = ${slugOf(title)})`,
        position,
      }),
    ),
  ]
  const [first, ...rest] = statements
  if (!first) return false
  const settings = content.settings
    ? [saveSettingsQuery(db, { ...defaultSettings(''), ...content.settings }, new Date())]
    : []
  // Each article's history starts with its sample text.
  await db.batch([first, ...rest, ...settings, baselineRevisionsStatement(db)])
  return true
}
