/** The comments phase of an import: readers' comments on the imported articles, with their status. */
import { eq, sql } from 'drizzle-orm'
import { comments, importRecords } from '../db/schema'
import { hidePhoneNumbers, normalizeVietnamesePhone } from '../lib/phone'
import { COMMENT_LIMITS } from '../lib/comment-input'
import { cleanText, isBlank, textLength } from '../lib/text'
import { checksumOf, recorded, send, type RunContext } from './context'
import { htmlToText } from './html-to-markdown'
import type { ImportComment } from './types'

/** Shown for a commenter without a name (the portal's form requires one). */
export const NAMELESS = 'Bạn đọc'

/** Text cut to `max` code points (the comment form's limits: src/lib/comment-input.ts). */
const cut = (text: string, max: number) =>
  textLength(text) <= max
    ? text
    : `${Array.from(text)
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`

type MappedComment = {
  name: string
  title: string
  content: string
  phone: string | null
  hiddenPhone: boolean
  email: string | null
  status: ImportComment['status']
  createdAt: Date
}

/**
 * The comment as stored, or why it is skipped. `fallbackTime`: when a comment has no usable
 * time it is dated with its article's (it was written after it; nothing is lost).
 */
function mapComment(c: ImportComment, fallbackTime: Date): MappedComment | { skip: string } {
  const content = htmlToText(c.content, { multiline: true })
  if (isBlank(content)) return { skip: 'empty comment' }
  const hidden = hidePhoneNumbers(content)
  return {
    name: cut(cleanText(c.name.normalize('NFC')), COMMENT_LIMITS.name) || NAMELESS,
    title: cut(cleanText(c.title.normalize('NFC')), COMMENT_LIMITS.title),
    content: cut(hidden.text, COMMENT_LIMITS.content),
    phone: normalizeVietnamesePhone(c.phone) ?? hidden.phone,
    hiddenPhone: hidden.phone !== null,
    email: cleanText(c.email) || null,
    status: c.status,
    createdAt: c.createdAt ?? fallbackTime,
  }
}

/**
 * Imports the bundle's comments onto the articles imported (`articleIds`: source id → portal
 * id), `ctx.batchSize * 5` a batch with their import records. A comment of an article that was
 * not imported is skipped and reported.
 */
export async function importComments(ctx: RunContext, articleIds: Map<string, number>) {
  const { db, report, state, bundle } = ctx
  const counts = report.counts.comment
  const size = ctx.batchSize * 5
  const total = bundle.comments.length
  const articleTimes = new Map(bundle.articles.map((a) => [a.sourceId, a.publishedAt]))
  for (let start = 0; start < total; start += size) {
    const statements = []
    let created = 0
    let updated = 0
    for (const c of bundle.comments.slice(start, start + size)) {
      const before = recorded(ctx, 'comment', c.sourceId, (id) => state.commentIds.has(Number(id)))
      const checksum = await checksumOf(c)
      if (before?.checksum === checksum) {
        counts.unchanged++
        continue
      }
      const articleId = articleIds.get(c.articleId)
      const mapped =
        articleId === undefined
          ? { skip: 'article not imported' }
          : mapComment(c, articleTimes.get(c.articleId) ?? ctx.now)
      if ('skip' in mapped) {
        counts.skipped++
        report.skipped.push({ kind: 'comment', sourceId: c.sourceId, reason: mapped.skip })
        continue
      }
      if (!c.createdAt) {
        report.warnings.push({
          kind: 'comment',
          sourceId: c.sourceId,
          message: `bad date (${c.rawDate || 'none'}): dated as its article`,
        })
      }
      if (mapped.hiddenPhone) {
        report.warnings.push({
          kind: 'comment',
          sourceId: c.sourceId,
          message: 'phone number in the text: hidden, kept for editors',
        })
      }
      const { hiddenPhone: _, ...fields } = mapped
      const record = (targetId: string | ReturnType<typeof sql>) =>
        db
          .insert(importRecords)
          .values({
            source: bundle.source.name,
            kind: 'comment',
            sourceId: c.sourceId,
            targetId,
            checksum,
            importedAt: ctx.now,
          })
          .onConflictDoUpdate({
            target: [importRecords.source, importRecords.kind, importRecords.sourceId],
            set: { targetId, checksum, importedAt: ctx.now },
          })
      if (before) {
        statements.push(
          db
            .update(comments)
            .set({ ...fields, articleId })
            .where(eq(comments.id, Number(before.targetId))),
          record(before.targetId),
        )
        updated++
      } else {
        // The new comment's id: the row the statement before inserted, in the same transaction.
        statements.push(
          db.insert(comments).values({ ...fields, articleId: articleId! }),
          record(sql`cast(last_insert_rowid() as text)`),
        )
        created++
      }
    }
    await send(ctx, statements)
    counts.created += created
    counts.updated += updated
    ctx.onProgress({ phase: 'comments', done: Math.min(start + size, total), total })
  }
}
