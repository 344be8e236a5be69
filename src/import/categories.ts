/** The categories phase of an import: each source category becomes (or updates) a portal one. */
import { eq, sql } from 'drizzle-orm'
import { categories, importRecords, legacyPaths } from '../db/schema'
import { numbered } from '../admin/article-rules'
import { slugify } from '../lib/slug'
import { cleanText, isBlank } from '../lib/text'
import { checksumOf, recorded, send, type RunContext } from './context'
import type { ImportCategory } from './types'

/** The category of articles whose own is unknown. */
export const DEFAULT_CATEGORY = { name: 'Tin tức', slug: 'tin-tuc' } as const

const categoryIdBySlug = (slug: string) =>
  sql`(select ${categories.id} from ${categories} where ${categories.slug} = ${slug})`

/** Parents before their children, so positions follow the old navigation's reading order. */
function parentsFirst(list: ImportCategory[]): ImportCategory[] {
  const byId = new Map(list.map((c) => [c.sourceId, c]))
  const out: ImportCategory[] = []
  const seen = new Set<string>()
  const visit = (c: ImportCategory, depth = 0) => {
    if (seen.has(c.sourceId) || depth > 50) return
    const parent = c.parentId ? byId.get(c.parentId) : undefined
    if (parent) visit(parent, depth + 1)
    if (seen.has(c.sourceId)) return
    seen.add(c.sourceId)
    out.push(c)
  }
  for (const c of [...list].sort((a, b) => a.position - b.position)) visit(c)
  return out
}

/**
 * Imports the bundle's categories (one batch) and returns source id → portal category id.
 * Nesting is flattened. A new category whose slug a category of the portal already has joins
 * that one (a district's "Tin tức" stays one menu entry); two of this export folding to the
 * same slug are told apart the portal's way (`-2`, `-3`). A later run renames, never moves.
 */
export async function importCategories(ctx: RunContext): Promise<Map<string, number>> {
  const { db, report, state } = ctx
  const counts = report.counts.category
  const statements = []
  const claimed = new Set([...state.records.category.values()].map((r) => Number(r.targetId)))
  // Categories created by this run stand as -1 until the batch gives them ids: never joined.
  claimed.add(-1)
  const slugOf = new Map<string, string>()
  const existingIds = new Set(state.categories.values())
  let position = state.maxPosition
  const list = parentsFirst(ctx.bundle.categories)
  for (const [i, c] of list.entries()) {
    const name = cleanText(c.name.normalize('NFC'))
    if (isBlank(name)) {
      counts.skipped++
      report.skipped.push({ kind: 'category', sourceId: c.sourceId, reason: 'missing name' })
      continue
    }
    const checksum = await checksumOf(c)
    const before = recorded(ctx, 'category', c.sourceId, (id) => existingIds.has(Number(id)))
    let slug: string
    if (before) {
      slug = [...state.categories].find(([, id]) => id === Number(before.targetId))![0]
      slugOf.set(c.sourceId, slug)
      if (before.checksum === checksum) {
        counts.unchanged++
        continue
      }
      statements.push(db.update(categories).set({ name }).where(eq(categories.slug, slug)))
      counts.updated++
    } else {
      const base = slugify(c.alias || name) || slugify(name) || 'chuyen-muc'
      slug = base
      for (let n = 2; ; n++) {
        const id = state.categories.get(slug)
        if (id === undefined) {
          statements.push(
            db.insert(categories).values({ name, slug, position: ++position, createdAt: ctx.now }),
          )
          state.categories.set(slug, -1)
          counts.created++
          break
        }
        if (!claimed.has(id)) {
          // An existing category of the portal with this address: the import joins it.
          claimed.add(id)
          report.warnings.push({
            kind: 'category',
            sourceId: c.sourceId,
            message: `joined the portal's existing category /chuyen-muc/${slug}`,
          })
          counts.updated++
          break
        }
        slug = numbered(base, n)
      }
      slugOf.set(c.sourceId, slug)
    }
    statements.push(
      db
        .insert(importRecords)
        .values({
          source: ctx.bundle.source.name,
          kind: 'category',
          sourceId: c.sourceId,
          targetId: categoryIdBySlug(slug),
          checksum,
          importedAt: ctx.now,
        })
        .onConflictDoUpdate({
          target: [importRecords.source, importRecords.kind, importRecords.sourceId],
          set: { targetId: categoryIdBySlug(slug), checksum, importedAt: ctx.now },
        }),
      ...c.oldPaths.map((path) =>
        db
          .insert(legacyPaths)
          .values({ path, categoryId: categoryIdBySlug(slug), createdAt: ctx.now })
          .onConflictDoUpdate({
            target: legacyPaths.path,
            set: { categoryId: categoryIdBySlug(slug), articleId: null },
          }),
      ),
    )
    ctx.onProgress({ phase: 'categories', done: i + 1, total: list.length })
  }
  await send(ctx, statements)
  // The ids of what this batch created (a dry run has none: -1 stands for them).
  if (!ctx.dryRun && statements.length > 0) {
    const rows = await db.select({ id: categories.id, slug: categories.slug }).from(categories)
    report.statements++
    for (const r of rows) state.categories.set(r.slug, r.id)
  }
  return new Map([...slugOf].map(([sourceId, slug]) => [sourceId, state.categories.get(slug)!]))
}

/**
 * The id of the default category (DEFAULT_CATEGORY), created when the portal has none, and
 * then counted as created in the report (it is a category the import made).
 */
export async function defaultCategoryId(ctx: RunContext): Promise<number> {
  const existing = ctx.state.categories.get(DEFAULT_CATEGORY.slug)
  if (existing !== undefined) return existing
  await send(ctx, [
    ctx.db
      .insert(categories)
      .values({ ...DEFAULT_CATEGORY, position: ctx.state.maxPosition + 1000, createdAt: ctx.now })
      .onConflictDoNothing(),
  ])
  // Not in the portal when the run began (ImportState), so this run makes it.
  ctx.report.counts.category.created++
  const [row] = ctx.dryRun
    ? [{ id: -1 }]
    : await ctx.db
        .select({ id: categories.id })
        .from(categories)
        .where(eq(categories.slug, DEFAULT_CATEGORY.slug))
  ctx.state.categories.set(DEFAULT_CATEGORY.slug, row!.id)
  return row!.id
}
