import type { Database } from '../db/client'
import { getRevision, listRevisions, type Revision } from '../db/revisions'
import { revisionDiff, type FieldDiff } from './revision-diff'
import { getAdminArticle, updateArticle, type ArticleChange } from './articles'
import { notFound } from './errors'
import type { Principal } from './permissions'

/** An article's history, newest first. Raises AdminError 404 for an unknown article. */
export async function articleHistory(db: Database, articleId: number): Promise<Revision[]> {
  await getAdminArticle(db, articleId)
  return listRevisions(db, articleId)
}

/**
 * One revision with what it changed from the revision before it (`diff`). Raises AdminError 404
 * when the article has no such revision.
 */
export async function revisionWithDiff(
  db: Database,
  articleId: number,
  revisionId: number,
): Promise<{ revision: Revision; previous: Revision | null; diff: FieldDiff[] }> {
  const found = await getRevision(db, articleId, revisionId)
  if (!found) throw notFound('Không tìm thấy phiên bản này.')
  return { ...found, diff: revisionDiff(found.previous?.snapshot ?? null, found.revision.snapshot) }
}

/**
 * Puts a revision's content back (title, lead, body, author, source, category, cover image and
 * its description, comments on or off) as a new save: itself a revision ("restore") and an audit entry
 * (`article.restore`). The address and the publishing state stay as they are now: a restore
 * never unpublishes, reschedules or moves an article. The same permissions as an edit; raises
 * AdminError 404, 403, or 422 when what it names is gone (a deleted category or cover image).
 */
export async function restoreRevision(
  db: Database,
  actor: Principal,
  articleId: number,
  revisionId: number,
  now = new Date(),
): Promise<ArticleChange> {
  const { revision } = await revisionWithDiff(db, articleId, revisionId)
  const s = revision.snapshot
  return updateArticle(
    db,
    actor,
    articleId,
    {
      title: s.title,
      lead: s.lead,
      body: s.body,
      author: s.author,
      source: s.source,
      categoryId: s.categoryId,
      coverImage: s.coverImage,
      // Revisions from before covers had descriptions keep the current one.
      ...(s.coverAlt !== undefined && { coverAlt: s.coverAlt }),
      commentsEnabled: s.commentsEnabled,
    },
    now,
    { restoredFrom: revision.id },
  )
}
