import { and, eq, sql } from 'drizzle-orm'
import { coverSizeFields } from '../db/articles'
import { auditQuery } from '../db/audit'
import { mediaUsageStatements, usedMediaKeys } from '../db/media-usage'
import { changedFields, revisionStatement, snapshotOf } from '../db/revisions'
import type { Database } from '../db/client'
import { isUniqueViolation } from '../db/errors'
import { articles, categories, media, slugRedirects } from '../db/schema'
import { indexArticleStatements, unindexArticleStatement } from '../db/search'
import {
  articleTopicsStatements,
  topicsFromNames,
  topicsOfArticleQuery,
  type TopicSummary,
} from '../db/topics'
import { slugify } from '../lib/slug'
import {
  parseArticleCreate,
  parseArticleUpdate,
  type ArticleCreateInput,
  type ArticleUpdateInput,
} from './article-input'
import { lostRace, savedOrAbort, versionConflict } from './article-versions'
import { AdminError, forbidden, invalid, notFound } from './errors'
import { mayOnArticle, type Principal } from './permissions'

import {
  assertCategory,
  assertCoverImage,
  assertCoverAlt,
  assertMayUseStatus,
  renderBody,
  uniqueSlug,
} from './article-rules'

/** An article as the admin shows and the API returns it. */
export type AdminArticle = typeof articles.$inferSelect & {
  categorySlug: string
  categoryName: string
  /** The cover image's size in pixels, when it is an upload whose size is known. */
  coverWidth: number | null
  coverHeight: number | null
  /** Its topics (name and slug), in name order. */
  topics: TopicSummary[]
}

/** What changed, for the audit log and for purging cached pages. */
export type ArticleChange = {
  article: AdminArticle
  /** Before the change (null for a new article). */
  before: AdminArticle | null
}

async function loadArticle(db: Database, id: number): Promise<AdminArticle | null> {
  const [row] = await db
    .select({
      article: articles,
      categorySlug: categories.slug,
      categoryName: categories.name,
      ...coverSizeFields,
    })
    .from(articles)
    .innerJoin(categories, eq(categories.id, articles.categoryId))
    .where(eq(articles.id, id))
    .limit(1)
  if (!row) return null
  return {
    ...row.article,
    categorySlug: row.categorySlug,
    categoryName: row.categoryName,
    coverWidth: row.coverWidth,
    coverHeight: row.coverHeight,
    topics: await topicsOfArticleQuery(db, id),
  }
}

/** One article by id, or a 404. */
export async function getAdminArticle(db: Database, id: number): Promise<AdminArticle> {
  const article = await loadArticle(db, id)
  if (!article) throw notFound('Không tìm thấy bài viết.')
  return article
}
/** Creates an article from API JSON or form fields. */
export async function createArticle(
  db: Database,
  actor: Principal,
  raw: unknown,
  now = new Date(),
): Promise<ArticleChange> {
  const parsed = parseArticleCreate(raw)
  if (!parsed.ok) throw invalid(parsed.errors)
  const input: ArticleCreateInput = parsed.input
  assertMayUseStatus(actor, input.status)
  await assertCategory(db, input.categoryId)
  await assertCoverImage(db, input.coverImage)
  assertCoverAlt(input.coverImage, input.coverAlt)
  const base = input.slug || slugify(input.title) || 'bai-viet'
  const slug = await uniqueSlug(db, base)
  const publishedAt = input.publishedAt ?? (input.status === 'published' ? now : null)
  const bodyHtml = await renderBody(db, input.body)
  const createdSnapshot = snapshotOf({
    ...input,
    slug,
    publishedAt,
    coverImage: input.coverImage ?? null,
  })
  try {
    const [[created]] = await db.batch([
      db
        .insert(articles)
        .values({
          slug,
          title: input.title,
          lead: input.lead,
          body: input.body,
          bodyHtml,
          author: input.author,
          source: input.source,
          ownerId: actor.id,
          categoryId: input.categoryId,
          status: input.status,
          publishedAt,
          commentsEnabled: input.commentsEnabled,
          coverImage: input.coverImage ?? null,
          coverAlt: input.coverAlt,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: articles.id }),
      ...indexArticleStatements(db, {
        id: sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`,
        title: input.title,
        lead: input.lead,
        body: input.body,
      }),
      auditQuery(
        db,
        actor,
        {
          action: 'article.create',
          targetType: 'article',
          // The new id, found by the unique slug inside the same transaction.
          targetId: sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`,
          detail: { slug, title: input.title, status: input.status },
        },
        now,
      ),
      ...mediaUsageStatements(
        db,
        sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`,
        usedMediaKeys({ body: input.body, coverImage: input.coverImage ?? null }),
      ),
      ...articleTopicsStatements(
        db,
        sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`,
        topicsFromNames(input.topics),
      ),
      revisionStatement(db, {
        articleId: sql`(select ${articles.id} from ${articles} where ${articles.slug} = ${slug})`,
        action: 'create',
        snapshot: createdSnapshot,
        changed: changedFields(null, createdSnapshot),
        actor,
        now,
      }),
    ])
    return { article: await getAdminArticle(db, created!.id), before: null }
  } catch (err) {
    if (isUniqueViolation(err, 'articles.slug')) {
      throw new AdminError(409, 'slug_taken', 'Đường dẫn này vừa được bài khác sử dụng.', {
        slug: 'Đường dẫn đã có bài viết khác sử dụng.',
      })
    }
    throw err
  }
}

const sameMinute = (a: Date, b: Date) =>
  Math.floor(a.getTime() / 60_000) === Math.floor(b.getTime() / 60_000)

/** Applies a partial update; changing a published article's slug keeps the old URL as a 301. */
export async function updateArticle(
  db: Database,
  actor: Principal,
  id: number,
  raw: unknown,
  now = new Date(),
  opts: {
    /** A restore (src/admin/revisions.ts): the revision restored, for the log and the history. */
    restoredFrom?: number
    /** The version the change was made on (article-versions.ts); another one is refused. */
    version?: number
    /** How a refusal answers: 409, or 412 when the version came in If-Match. */
    conflictStatus?: 409 | 412
  } = {},
): Promise<ArticleChange> {
  const parsed = parseArticleUpdate(raw)
  if (!parsed.ok) throw invalid(parsed.errors)
  const input: ArticleUpdateInput = parsed.input
  const before = await getAdminArticle(db, id)
  if (opts.version !== undefined && opts.version !== before.version) {
    throw await versionConflict(db, before, opts.conflictStatus)
  }
  // Writers may not touch what is already published, nor publish.
  // Writers change only their own drafts and articles in review (permissions.ts).
  if (!mayOnArticle(actor, 'edit', before, now)) throw forbidden()
  assertMayUseStatus(actor, input.status)
  if (input.categoryId !== undefined) await assertCategory(db, input.categoryId)
  await assertCoverImage(db, input.coverImage)
  // Checked when the cover or its description is part of this change.
  if (input.coverImage !== undefined || input.coverAlt !== undefined) {
    assertCoverAlt(
      input.coverImage === undefined ? before.coverImage : input.coverImage,
      input.coverAlt ?? before.coverAlt,
    )
  }

  const slug =
    input.slug && input.slug !== before.slug ? await uniqueSlug(db, input.slug, id) : before.slug
  const status = input.status ?? before.status
  let publishedAt = input.publishedAt === undefined ? before.publishedAt : input.publishedAt
  // The form shows the time to the minute: that minute sent back unchanged keeps the stored
  // time (its seconds too), so a save that touched nothing else changes nothing.
  if (publishedAt && before.publishedAt && sameMinute(publishedAt, before.publishedAt)) {
    publishedAt = before.publishedAt
  }
  if (status === 'published' && !publishedAt) publishedAt = now

  const bodyHtml = input.body === undefined ? undefined : await renderBody(db, input.body)
  const changes = {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.lead !== undefined && { lead: input.lead }),
    ...(input.body !== undefined && { body: input.body, bodyHtml }),
    ...(input.author !== undefined && { author: input.author }),
    ...(input.source !== undefined && { source: input.source }),
    ...(input.categoryId !== undefined && { categoryId: input.categoryId }),
    ...(input.commentsEnabled !== undefined && { commentsEnabled: input.commentsEnabled }),
    ...(input.coverImage !== undefined && { coverImage: input.coverImage }),
    ...(input.coverAlt !== undefined && { coverAlt: input.coverAlt }),
    slug,
    status,
    publishedAt,
    updatedAt: now,
    version: before.version + 1,
  }
  const action =
    opts.restoredFrom !== undefined
      ? 'article.restore'
      : status === 'published' && before.status !== 'published'
        ? 'article.publish'
        : status !== 'published' && before.status === 'published'
          ? 'article.unpublish'
          : 'article.update'
  const after = snapshotOf({ ...before, ...changes })
  const changed = changedFields(snapshotOf(before), after)
  const slugMoved = slug !== before.slug && before.status === 'published'
  try {
    await db.batch([
      // Only over the version read above: a save in between makes this change nothing, and
      // the guard after it rolls the whole batch back.
      db
        .update(articles)
        .set(changes)
        .where(and(eq(articles.id, id), eq(articles.version, before.version))),
      savedOrAbort(db),
      ...(input.topics !== undefined
        ? articleTopicsStatements(db, id, topicsFromNames(input.topics))
        : []),
      // Moving back to one of its own old slugs: that old URL is the article's URL again.
      db
        .delete(slugRedirects)
        .where(and(eq(slugRedirects.oldSlug, slug), eq(slugRedirects.articleId, id))),
      ...indexArticleStatements(db, {
        id,
        title: input.title ?? before.title,
        lead: input.lead ?? before.lead,
        body: input.body ?? before.body,
      }),
      ...(slugMoved
        ? [
            db
              .insert(slugRedirects)
              .values({ oldSlug: before.slug, articleId: id, createdAt: now })
              .onConflictDoUpdate({
                target: slugRedirects.oldSlug,
                set: { articleId: id, createdAt: now },
              }),
          ]
        : []),
      auditQuery(
        db,
        actor,
        {
          action,
          targetType: 'article',
          targetId: id,
          detail: {
            fields: Object.keys(input),
            ...(slug !== before.slug && { from: before.slug, to: slug }),
            ...(opts.restoredFrom !== undefined && { revision: opts.restoredFrom }),
          },
        },
        now,
      ),
      ...mediaUsageStatements(
        db,
        id,
        usedMediaKeys({ body: after.body, coverImage: after.coverImage }),
      ),
      // A save that changes nothing adds nothing to the history.
      ...(changed.length > 0
        ? [
            revisionStatement(db, {
              articleId: id,
              action: opts.restoredFrom !== undefined ? 'restore' : 'update',
              snapshot: after,
              changed,
              actor,
              now,
            }),
          ]
        : []),
    ])
  } catch (err) {
    if (isUniqueViolation(err, 'articles.slug')) {
      throw new AdminError(409, 'slug_taken', 'Đường dẫn này vừa được bài khác sử dụng.', {
        slug: 'Đường dẫn đã có bài viết khác sử dụng.',
      })
    }
    if (lostRace(err)) throw await versionConflict(db, await getAdminArticle(db, id))
    throw err
  }
  return { article: await getAdminArticle(db, id), before }
}

/**
 * Deletes an article with its comments, redirects and attachment records. Returns the R2 keys
 * of its attachments so the caller can remove the files too.
 */
export async function deleteArticle(
  db: Database,
  actor: Principal,
  id: number,
  now = new Date(),
): Promise<ArticleChange & { mediaKeys: string[] }> {
  const before = await getAdminArticle(db, id)
  if (!mayOnArticle(actor, 'delete', before, now)) throw forbidden()
  const files = await db.select({ key: media.key }).from(media).where(eq(media.articleId, id))
  await db.batch([
    db.delete(articles).where(eq(articles.id, id)),
    unindexArticleStatement(db, id),
    auditQuery(
      db,
      actor,
      {
        action: 'article.delete',
        targetType: 'article',
        targetId: id,
        detail: { slug: before.slug, title: before.title },
      },
      now,
    ),
  ])
  return { article: before, before, mediaKeys: files.map((f) => f.key) }
}
