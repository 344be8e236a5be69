/** The articles phase of an import: batches of articles with their index, topics, media and 301s. */
import { eq, inArray, sql, type SQL } from 'drizzle-orm'
import { ARTICLE_LIMITS } from '../admin/article-input'
import { numbered } from '../admin/article-rules'
import { cleanText, isBlank, textLength } from '../lib/text'
import { imageSizes } from '../db/media'
import { mediaUsageStatements, usedMediaKeys } from '../db/media-usage'
import { articles, importRecords, legacyPaths } from '../db/schema'
import { indexArticleStatements } from '../db/search'
import { articleTopicsStatements, MAX_TOPICS, topicsFromNames } from '../db/topics'
import { renderMarkdown } from '../lib/markdown'
import { slugify } from '../lib/slug'
import { mapArticle } from './article-mapping'
import { defaultCategoryId } from './categories'
import { checksumOf, recorded, send, type RunContext } from './context'
import type { ImportWarning } from './report'
import type { ImportArticle } from './types'

const articleIdBySlug = (slug: string) =>
  sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`

/** Tag names as topics: NFC, cleaned, those longer than a topic may be left out. */
const topicNames = (tags: string[]) =>
  tags
    .map((t) => cleanText(t.normalize('NFC')))
    .filter((t) => !isBlank(t) && textLength(t) <= ARTICLE_LIMITS.topic)

/**
 * The article's tags as topics, at most MAX_TOPICS (the editor's limit); those left out, and
 * tags too long to be a topic, are reported by name.
 */
function keptTopics(a: ImportArticle, warn: (w: ImportWarning) => void) {
  const names = topicNames(a.tags)
  const tooLong = a.tags.length - names.length
  const topics = topicsFromNames(names)
  const left = topics.slice(MAX_TOPICS).map((t) => t.name)
  if (left.length > 0) {
    warn({
      kind: 'topic',
      sourceId: a.sourceId,
      message: `${left.length} of ${topics.length} tags left out (at most ${MAX_TOPICS} topics an article): ${left.join(', ').slice(0, 500)}`,
    })
  }
  if (tooLong > 0) {
    warn({
      kind: 'topic',
      sourceId: a.sourceId,
      message: `${tooLong} tags left out: empty or longer than ${ARTICLE_LIMITS.topic} characters`,
    })
  }
  return topics.slice(0, MAX_TOPICS)
}

/** `base`, or `base-2`, `base-3`… whichever no article uses now or as an old URL. */
function freeSlug(taken: Set<string>, base: string): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(numbered(base, n))) return numbered(base, n)
}

/**
 * A published record without a usable time cannot be shown in its place in the lists: it is
 * kept as a draft (nothing is lost) for an editor to date and publish, and reported.
 */
function withUsableDate(a: ImportArticle, warn: (w: ImportWarning) => void): ImportArticle {
  if (a.status !== 'published' || a.publishedAt) return a
  warn({
    kind: 'article',
    sourceId: a.sourceId,
    message: `bad date (${a.rawDate || 'none'}): kept as a draft`,
  })
  return { ...a, status: 'draft' }
}

/**
 * Imports the bundle's articles, `ctx.batchSize` a batch: each batch writes its articles, their
 * search entries, topics, media records and usage, old addresses and import records together or
 * not at all, so a run stopped anywhere leaves whole articles and goes on from there next time.
 * An article whose record has the same checksum is left alone; a changed one is updated in place
 * (its slug and comments kept). Returns source id → portal article id.
 */
export async function importArticles(
  ctx: RunContext,
  categoryIds: Map<string, number>,
): Promise<Map<string, number>> {
  const { db, report, state, bundle } = ctx
  const counts = report.counts.article
  const ids = new Map<string, number>()
  for (const [sourceId, r] of state.records.article) {
    if (state.articleIds.has(Number(r.targetId))) ids.set(sourceId, Number(r.targetId))
  }
  const skip = (s: (typeof report.skipped)[number]) => {
    report.skipped.push(s)
    report.counts.media.skipped += s.kind === 'media' ? 1 : 0
  }
  const total = bundle.articles.length
  for (let start = 0; start < total; start += ctx.batchSize) {
    const chunk = bundle.articles.slice(start, start + ctx.batchSize)
    const statements = []
    const created: { sourceId: string; slug: string }[] = []
    const attachmentOwner = new Map<string, SQL | number>()
    let updated = 0
    for (const record of chunk) {
      const before = recorded(ctx, 'article', record.sourceId, (id) =>
        state.articleIds.has(Number(id)),
      )
      const checksum = await checksumOf(record)
      if (before?.checksum === checksum) {
        counts.unchanged++
        continue
      }
      const warn = (w: ImportWarning) => report.warnings.push(w)
      const a = withUsableDate(record, warn)
      const mapped = await mapArticle(a, ctx.media, ctx.oldLinks, skip, warn)
      if ('skip' in mapped) {
        counts.skipped++
        report.skipped.push({ kind: 'article', sourceId: a.sourceId, reason: mapped.skip })
        continue
      }
      const categoryId =
        (a.categoryId !== null ? categoryIds.get(a.categoryId) : undefined) ??
        (await defaultCategoryId(ctx))
      let slug = ''
      let id: number | SQL
      if (before) {
        id = Number(before.targetId)
        updated++
      } else {
        slug = freeSlug(state.slugs, slugify(a.alias) || slugify(mapped.title) || 'bai-viet')
        state.slugs.add(slug)
        id = articleIdBySlug(slug)
        created.push({ sourceId: a.sourceId, slug })
      }
      for (const key of mapped.attachmentKeys)
        if (!attachmentOwner.has(key)) attachmentOwner.set(key, id)
      // Images recorded by earlier runs carry no size in memory: read theirs (rare: a changed
      // article showing an image an earlier run copied).
      const unsized = usedMediaKeys({ body: mapped.body, coverImage: null }).filter(
        (k) => !mapped.sizes.has(k),
      )
      if (unsized.length > 0 && !ctx.dryRun) {
        for (const [k, v] of await imageSizes(db, unsized.slice(0, 90))) mapped.sizes.set(k, v)
        report.statements++
      }
      const fields = {
        title: mapped.title,
        source: mapped.source,
        lead: mapped.lead,
        body: mapped.body,
        bodyHtml: renderMarkdown(mapped.body, mapped.sizes),
        author: mapped.author,
        categoryId,
        status: a.status,
        publishedAt: a.publishedAt,
        commentsEnabled: a.commentsEnabled,
        viewCount: Math.max(0, Math.trunc(a.views) || 0),
        coverImage: mapped.coverImage,
        coverAlt: mapped.coverAlt,
        updatedAt: ctx.now,
      }
      const write = before
        ? db
            .update(articles)
            // A changed record raises the version, so an editor's form opened before it is
            // refused rather than saved over it (src/admin/article-versions.ts).
            .set({ ...fields, version: sql`${articles.version} + 1` })
            .where(eq(articles.id, id as number))
        : db
            .insert(articles)
            .values({ ...fields, slug, ownerId: null, createdAt: a.publishedAt ?? ctx.now })
      statements.push(
        write,
        ...indexArticleStatements(db, {
          id,
          title: mapped.title,
          lead: mapped.lead,
          body: mapped.body,
        }),
        ...articleTopicsStatements(db, id, keptTopics(a, warn)),
        ...mediaUsageStatements(
          db,
          id,
          usedMediaKeys({ body: mapped.body, coverImage: mapped.coverImage }),
        ),
        ...a.oldPaths.map((path) =>
          db
            .insert(legacyPaths)
            .values({ path, articleId: id as number, createdAt: ctx.now })
            .onConflictDoUpdate({
              target: legacyPaths.path,
              set: { articleId: id as number, categoryId: null },
            }),
        ),
        db
          .insert(importRecords)
          .values({
            source: bundle.source.name,
            kind: 'article',
            sourceId: a.sourceId,
            targetId: typeof id === 'number' ? String(id) : id,
            checksum,
            importedAt: ctx.now,
          })
          .onConflictDoUpdate({
            target: [importRecords.source, importRecords.kind, importRecords.sourceId],
            set: {
              targetId: typeof id === 'number' ? String(id) : id,
              checksum,
              importedAt: ctx.now,
            },
          }),
      )
    }
    const media = ctx.media.takePending(db, (key) => attachmentOwner.get(key) ?? null)
    try {
      await send(ctx, [...statements, ...media.statements])
    } catch (err) {
      ctx.media.restore(media.items)
      throw err
    }
    ctx.media.commit(media.items)
    report.counts.media.created += media.items.length
    counts.created += created.length
    counts.updated += updated
    if (created.length > 0 && !ctx.dryRun) {
      const rows = await db
        .select({ id: articles.id, slug: articles.slug })
        .from(articles)
        .where(
          inArray(
            articles.slug,
            created.map((c) => c.slug),
          ),
        )
      report.statements++
      const bySlug = new Map(rows.map((r) => [r.slug, r.id]))
      for (const c of created) {
        const newId = bySlug.get(c.slug)!
        ids.set(c.sourceId, newId)
        state.articleIds.add(newId)
      }
    } else if (ctx.dryRun) {
      for (const c of created) ids.set(c.sourceId, -1)
    }
    ctx.onProgress({ phase: 'articles', done: Math.min(start + ctx.batchSize, total), total })
  }
  return ids
}
