/** What the database already holds that an import run needs to know, read once at its start. */
import { and, eq, gt } from 'drizzle-orm'
import type { Database } from '../db/client'
import {
  articles,
  categories,
  comments,
  importRecords,
  slugRedirects,
  type ImportRecordKind,
} from '../db/schema'
import type { ImportedMedia } from './media'

/** One record of an earlier run: what it became and the checksum it had. */
export type RecordedImport = { targetId: string; checksum: string }

export type ImportState = {
  records: Record<ImportRecordKind, Map<string, RecordedImport>>
  /** Article slugs in use, now or as old URLs (slug_redirects): a new slug avoids them all. */
  slugs: Set<string>
  articleIds: Set<number>
  commentIds: Set<number>
  /** Category slug → id, and the largest navigation position. */
  categories: Map<string, number>
  maxPosition: number
  media: Map<string, ImportedMedia>
  /** Statements this read took. */
  statements: number
}

/** Rows read per query (keyset paging: no OFFSET scans, every answer small). */
const PAGE = 5000

async function pagedIds(db: Database, table: typeof articles | typeof comments): Promise<number[]> {
  const ids: number[] = []
  for (let after = 0; ;) {
    const rows = await db
      .select({ id: table.id })
      .from(table)
      .where(gt(table.id, after))
      .orderBy(table.id)
      .limit(PAGE)
    ids.push(...rows.map((r) => r.id))
    if (rows.length < PAGE) return ids
    after = rows[rows.length - 1]!.id
  }
}

/**
 * Reads the import records of `source` (every kind), the slugs and ids in use and the categories.
 * Output: ImportState. One query per PAGE rows of each table.
 */
export async function loadImportState(db: Database, source: string): Promise<ImportState> {
  let statements = 0
  const records: ImportState['records'] = {
    category: new Map(),
    article: new Map(),
    comment: new Map(),
    media: new Map(),
  }
  const media = new Map<string, ImportedMedia>()
  for (const kind of Object.keys(records) as ImportRecordKind[]) {
    for (let after = ''; ;) {
      const rows = await db
        .select({
          sourceId: importRecords.sourceId,
          targetId: importRecords.targetId,
          checksum: importRecords.checksum,
        })
        .from(importRecords)
        .where(
          and(
            eq(importRecords.source, source),
            eq(importRecords.kind, kind),
            gt(importRecords.sourceId, after),
          ),
        )
        .orderBy(importRecords.sourceId)
        .limit(PAGE)
      statements++
      for (const r of rows) {
        records[kind].set(r.sourceId, { targetId: r.targetId, checksum: r.checksum })
        if (kind === 'media') {
          const isImage = r.targetId.startsWith('anh/')
          media.set(r.sourceId, {
            key: r.targetId,
            url: `/media/${r.targetId}`,
            kind: isImage ? 'image' : 'attachment',
            width: null,
            height: null,
            fileName: r.sourceId.split('/').pop() ?? '',
          })
        }
      }
      if (rows.length < PAGE) break
      after = rows[rows.length - 1]!.sourceId
    }
  }
  const [slugRows, oldSlugs, cats] = await db.batch([
    db.select({ slug: articles.slug }).from(articles),
    db.select({ slug: slugRedirects.oldSlug }).from(slugRedirects),
    db
      .select({ id: categories.id, slug: categories.slug, position: categories.position })
      .from(categories),
  ])
  statements += 3
  const articleIds = await pagedIds(db, articles)
  const commentIds = await pagedIds(db, comments)
  statements +=
    Math.ceil((articleIds.length + 1) / PAGE) + Math.ceil((commentIds.length + 1) / PAGE)
  return {
    records,
    slugs: new Set([...slugRows, ...oldSlugs].map((r) => r.slug)),
    articleIds: new Set(articleIds),
    commentIds: new Set(commentIds),
    categories: new Map(cats.map((c) => [c.slug, c.id])),
    maxPosition: Math.max(0, ...cats.map((c) => c.position)),
    media,
    statements,
  }
}
