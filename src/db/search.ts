import { and, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { foldVietnamese, plainD } from '../lib/slug'
import { articleSummaryFields, visibleToReaders, type ArticleSummary } from './articles'
import type { Database } from './client'
import { articles } from './schema'

/** Results on one search page. */
export const SEARCH_PAGE_SIZE = 20
/** Longest query we search for; longer ones get a friendly message. */
export const MAX_QUERY_LENGTH = 200

/**
 * Text as stored in the index: đ/Đ and their look-alikes become d/D (plainD); the tokenizer
 * (unicode61, remove_diacritics 2) folds case and every other mark.
 */
export function indexText(text: string): string {
  return plainD(text.normalize('NFC'))
}

/**
 * The words of a reader's query, folded to plain ASCII: "THƯỜNG TÍN" and "thuong tin" give the
 * same words. Everything that is not a letter or digit is dropped, so FTS5 syntax in a query
 * (quotes, *, NEAR, -, parentheses) is just text and can never cause an error.
 */
export function queryTerms(query: string): string[] {
  return (foldVietnamese(query).match(/[a-z0-9]+/g) ?? []).slice(0, 20)
}

/**
 * The FTS5 table (created by migrations/0003_search.sql), described for the query builder so
 * that index writes can join a batch. It lives here, not in schema.ts, so drizzle-kit never
 * tries to create it as an ordinary table.
 */
const articlesFts = sqliteTable('articles_fts', {
  rowid: integer('rowid'),
  title: text('title'),
  lead: text('lead'),
  body: text('body'),
})

/** Statements that put an article into the index (after deleting any old entry). */
export function indexArticleStatements(
  db: Database,
  article: { id: number | SQL; title: string; lead: string; body: string },
) {
  return [
    db.delete(articlesFts).where(eq(articlesFts.rowid, article.id as number)),
    db.insert(articlesFts).values({
      rowid: article.id as number,
      title: indexText(article.title),
      lead: indexText(article.lead),
      body: indexText(article.body),
    }),
  ] as const
}

/** Articles re-indexed per batch by rebuildSearchIndex (4 bound parameters each). */
const REINDEX_BATCH = 100

/**
 * Empties the search index and fills it again from every article, with the same folding as each
 * save (indexText), in batches. For a restored backup: FTS5 tables are never in a backup.
 * Returns how many articles were indexed.
 */
export async function rebuildSearchIndex(db: Database): Promise<number> {
  await db.delete(articlesFts)
  let indexed = 0
  for (let after = 0; ;) {
    const rows = await db
      .select({ id: articles.id, title: articles.title, lead: articles.lead, body: articles.body })
      .from(articles)
      .where(gt(articles.id, after))
      .orderBy(articles.id)
      .limit(REINDEX_BATCH)
    const [first, ...rest] = rows.map((a) =>
      db.insert(articlesFts).values({
        rowid: a.id,
        title: indexText(a.title),
        lead: indexText(a.lead),
        body: indexText(a.body),
      }),
    )
    if (!first) return indexed
    await db.batch([first, ...rest])
    indexed += rows.length
    after = rows[rows.length - 1]!.id
  }
}

/** The statement that removes an article from the index. */
export function unindexArticleStatement(db: Database, id: number) {
  return db.delete(articlesFts).where(eq(articlesFts.rowid, id))
}

/**
 * Visible articles matching every word, best first (bm25, title weighted most), one page plus
 * one row to tell whether another page exists, and how many match in all (`total`, counted in
 * the same statement; 0 past the last page).
 */
export async function searchArticles(
  db: Database,
  terms: string[],
  opts: { now: Date; page: number },
): Promise<{ articles: ArticleSummary[]; hasNext: boolean; total: number }> {
  if (terms.length === 0) return { articles: [], hasNext: false, total: 0 }
  // Each word quoted: a phrase of one token, so nothing in it is read as FTS syntax.
  const match = terms.map((t) => `"${t}"`).join(' ')
  // Ranked once (materialized), then counted and paged from the same rows: one statement.
  // (bm25 may not sit beside a window function, hence the CTE.)
  const ranked = await db.all<{ id: number; total: number }>(sql`
    with m as materialized (
      select f.rowid as id,
        bm25(articles_fts, 10.0, 4.0, 1.0) as score,
        ${articles.publishedAt} as published
      from articles_fts f
      join ${articles} on ${articles.id} = f.rowid
      where articles_fts match ${match}
        and ${visibleToReaders(opts.now)}
    )
    select id, (select count(*) from m) as total from m
    order by score, published desc
    limit ${SEARCH_PAGE_SIZE + 1} offset ${(opts.page - 1) * SEARCH_PAGE_SIZE}`)
  const ids = ranked.map((r) => r.id)
  if (ids.length === 0) return { articles: [], hasNext: false, total: 0 }
  const rows = await db
    .select(articleSummaryFields)
    .from(articles)
    .where(
      and(inArray(articles.id, ids.slice(0, SEARCH_PAGE_SIZE)), eq(articles.status, 'published')),
    )
    .orderBy(desc(articles.publishedAt))
  const byId = new Map(rows.map((r) => [r.id, r]))
  return {
    articles: ids.slice(0, SEARCH_PAGE_SIZE).flatMap((id) => byId.get(id) ?? []),
    hasNext: ids.length > SEARCH_PAGE_SIZE,
    total: ranked[0]!.total,
  }
}
