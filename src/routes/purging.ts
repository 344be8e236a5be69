import type { Context } from 'hono'
import { deleteArticle, getAdminArticle, type AdminArticle } from '../admin/articles'
import {
  addArticle,
  addArticleWithNeighbours,
  addCategory,
  addEverything,
  addHome,
  emptyPlan,
  runPurge,
  tags,
  type PurgePlan,
} from '../cache/purge'
import { deleteMedia } from '../admin/media'
import type { AppEnv } from '../env'

/**
 * Carries out a purge plan for this request: its entrypoint's Workers Cache, and in the Cache
 * API tier the pages stored at this request's origin and at the public one (`SITE_URL`), which
 * differ when an editor works from another address (a workers.dev one, say).
 */
export function purge(c: Context<AppEnv>, plan: PurgePlan) {
  return runPurge(plan, {
    origins: [new URL(c.req.url).origin, c.env.SITE_URL],
    env: c.env,
    // Hono's context type predates `ctx.cache`; the runtime's ExecutionContext has it.
    cache: (c.executionCtx as Partial<Pick<ExecutionContext, 'cache'>>).cache,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  })
}

const isPublic = (a: AdminArticle) => a.status === 'published'

/**
 * Runs an article change and purges what it alters, before and after: the pages that showed
 * the article as it was (found before the change) and the pages that show it now.
 */
export async function purgingArticle<T extends { article: AdminArticle }>(
  c: Context<AppEnv>,
  id: number | null,
  change: () => Promise<T>,
  opts: { deleted?: boolean } = {},
): Promise<T> {
  const plan = emptyPlan()
  if (id !== null) {
    const before = await getAdminArticle(c.var.db, id)
    if (isPublic(before)) await addArticleWithNeighbours(plan, c.var.db, before)
  }
  const result = await change()
  if (!opts.deleted && isPublic(result.article)) {
    await addArticleWithNeighbours(plan, c.var.db, result.article)
  }
  await purge(c, plan)
  return result
}

/**
 * Deletes article `id` for the request's principal (admin/articles.ts `deleteArticle`), purges
 * the pages that showed it, then deletes its files from R2 (the rows are gone by then).
 * @throws AdminError 404 when there is no such article, 403 when the principal may not.
 */
export async function deletingArticle(c: Context<AppEnv>, id: number): Promise<void> {
  const { mediaKeys } = await purgingArticle(
    c,
    id,
    () => deleteArticle(c.var.db, c.var.principal, id),
    { deleted: true },
  )
  if (mediaKeys.length > 0) {
    await c.env.MEDIA.delete(mediaKeys)
    await purgeMediaFiles(c, mediaKeys)
  }
}

/**
 * Deletes media record `id` and its files for the request's principal (admin/media.ts
 * `deleteMedia`; `articleId`: only an attachment of that article), then purges the file's URLs
 * and, for an attachment, the article page that listed it. Returns the deleted record.
 * @throws AdminError 404, 403, or 409 for a library image still in use.
 */
export async function deletingMedia(
  c: Context<AppEnv>,
  id: number,
  opts: { articleId?: number } = {},
) {
  const row = await deleteMedia(c.env.MEDIA, c.var.db, c.var.principal, id, new Date(), opts)
  await purgeMediaFiles(c, [row.key])
  if (row.articleId !== null) await purgeArticleById(c, row.articleId)
  return row
}

/**
 * Deleted files (by R2 key) purged from the edge: `/media/<key>` and its image copies, by their
 * tag. Every path that deletes a file calls this, so a takedown holds on every URL.
 */
export function purgeMediaFiles(c: Context<AppEnv>, keys: string[]) {
  return purge(c, { paths: new Set(), tags: new Set(keys.map(tags.media)) })
}

/** An article's page changed around it (an attachment added or deleted): purge that page. */
export async function purgeArticleById(c: Context<AppEnv>, id: number) {
  return purgeArticles(c, [await getAdminArticle(c.var.db, id)])
}

/** Comments changed on these articles: only their pages show comments. */
export function purgeArticles(c: Context<AppEnv>, list: { id: number; slug: string }[]) {
  const plan = emptyPlan()
  for (const a of list) addArticle(plan, a)
  return purge(c, plan)
}

/** A category was created, renamed, moved or deleted: navigation changes on every page. */
export function purgeNavigation(c: Context<AppEnv>, categorySlugs: string[]) {
  const plan = emptyPlan()
  addHome(plan)
  for (const slug of categorySlugs) addCategory(plan, slug)
  plan.tags.add(tags.nav)
  return purge(c, plan)
}

/** Every cached page (after a restore, or a change to what every page shows: the settings): see addEverything. */
export async function purgeEverything(c: Context<AppEnv>) {
  const plan = emptyPlan()
  await addEverything(plan, c.var.db)
  await purge(c, plan)
  return plan
}

/** The home page's own choices changed (featured stories, category blocks): the home page only. */
export function purgeHome(c: Context<AppEnv>) {
  const plan = emptyPlan()
  plan.paths.add('/')
  plan.tags.add(tags.home)
  return purge(c, plan)
}
