import { and, desc, eq, lte, sql, type SQL } from 'drizzle-orm'
import { ARTICLE_FIELDS, SNAPSHOT_FIELDS, type RevisedField } from './article-fields'
import type { Actor } from './audit'
import type { Database } from './client'
import { articleRevisions, type RevisionAction } from './schema'

/** What a revision keeps for each kind of field (times in ms since the epoch, UTC). */
type SnapshotValue = {
  text: string
  'optional-text': string | null
  id: number
  time: number | null
  boolean: boolean
}

/** An article's editable fields as a revision keeps them (src/db/article-fields.ts). */
export type RevisionSnapshot = {
  [F in Exclude<RevisedField, 'coverAlt'>]: SnapshotValue[(typeof ARTICLE_FIELDS)[F]]
} & {
  /** Absent in revisions made before covers had descriptions. */
  coverAlt?: string
}

export { SNAPSHOT_FIELDS }

/**
 * The snapshot of an article row (or of what a save is about to write): the SNAPSHOT_FIELDS of
 * `a`, times as ms since the epoch.
 */
export function snapshotOf(
  a: Omit<RevisionSnapshot, 'publishedAt' | 'coverAlt'> & {
    publishedAt: Date | null
    coverAlt: string
  },
): RevisionSnapshot {
  const snapshot: Record<string, unknown> = {}
  for (const field of SNAPSHOT_FIELDS) {
    const value = a[field]
    snapshot[field] = value instanceof Date ? value.getTime() : value
  }
  return snapshot as RevisionSnapshot
}

/** The names of the fields that differ between two snapshots (`before` null: all of them). */
export function changedFields(before: RevisionSnapshot | null, after: RevisionSnapshot): string[] {
  return SNAPSHOT_FIELDS.filter((f) => !before || (before[f] ?? '') !== (after[f] ?? ''))
}

/**
 * The statement that records a revision, for the save's own batch (so a save and its revision
 * are one transaction). `articleId` may be a subquery when the article is created in the batch.
 */
export function revisionStatement(
  db: Database,
  r: {
    articleId: number | SQL
    action: RevisionAction
    snapshot: RevisionSnapshot
    changed: string[]
    actor: Actor
    now: Date
  },
) {
  return db.insert(articleRevisions).values({
    articleId: r.articleId as number,
    action: r.action,
    snapshot: JSON.stringify(r.snapshot),
    changed: JSON.stringify(r.changed),
    actorId: r.actor.id,
    actorName: r.actor.name,
    createdAt: r.now,
  })
}

/**
 * The statement that gives every article without a revision its current state as its first one
 * (the SQL form of snapshotOf; migrations/0012_article_revisions.sql did the same for articles
 * that existed then). For content inserted without the admin, such as the sample content.
 */
export function baselineRevisionsStatement(db: Database) {
  return db.run(sql`
    insert into article_revisions (article_id, action, snapshot, changed, actor_id, actor_name, created_at)
    select id, 'create',
      json_object('title', title, 'slug', slug, 'lead', lead, 'body', body, 'author', author,
        'source', source, 'categoryId', category_id, 'status', status, 'publishedAt', published_at,
        'coverImage', cover_image, 'coverAlt', cover_alt,
        'commentsEnabled', json(case when comments_enabled then 'true' else 'false' end)),
      '[]', 0, '', updated_at
    from articles
    where id not in (select article_id from article_revisions)`)
}

export type Revision = {
  id: number
  articleId: number
  action: RevisionAction
  snapshot: RevisionSnapshot
  changed: string[]
  actorId: number
  actorName: string
  createdAt: Date
}

const parse = (row: typeof articleRevisions.$inferSelect): Revision => ({
  ...row,
  snapshot: JSON.parse(row.snapshot) as RevisionSnapshot,
  changed: JSON.parse(row.changed) as string[],
})

/** An article's revisions, newest first (at most `limit`). */
export async function listRevisions(db: Database, articleId: number, limit = 200) {
  const rows = await db
    .select()
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.id))
    .limit(limit)
  return rows.map(parse)
}

/**
 * One revision of an article and the one before it (null for the first), or null when the
 * article has no revision with this id.
 */
export async function getRevision(
  db: Database,
  articleId: number,
  id: number,
): Promise<{ revision: Revision; previous: Revision | null } | null> {
  const rows = await db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), lte(articleRevisions.id, id)))
    .orderBy(desc(articleRevisions.id))
    .limit(2)
  const [revision, previous] = rows.map(parse)
  if (!revision || revision.id !== id) return null
  return { revision, previous: previous ?? null }
}
