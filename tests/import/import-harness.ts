/**
 * Shared steps of the import tests: an uploads folder from fixture files (bundled by Vite as
 * data URLs, since workerd has no file system), the row counts a second run must leave as they
 * were, and an article page read back as a reader gets it.
 */
import { count } from 'drizzle-orm'
import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import {
  articles,
  articleTopics,
  categories,
  comments,
  legacyPaths,
  media,
  topics,
} from '../../src/db/schema'
import type { UploadsReader } from '../../src/import/media'
import { runImport } from '../../src/import/run'
import type { ImportBundle } from '../../src/import/types'
import { forgetNoLegacyPaths } from '../../src/routes/legacy'
import { appFetch, testDb } from '../helpers'
import { articlePageFacts, liveInjections } from '../security/harness'

const bytesOf = (dataUrl: string) =>
  Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0))

/**
 * An uploads folder of fixture files: `files` from `import.meta.glob(…, { query: '?inline',
 * import: 'default', eager: true })`, keyed by their path; `root` the folder's path as globbed.
 */
export function fixtureUploads(files: Record<string, unknown>, root: string): UploadsReader {
  const byPath = new Map(
    Object.entries(files).map(([path, url]) => [path.slice(root.length + 1), bytesOf(String(url))]),
  )
  return { read: async (path) => byPath.get(path) ?? null }
}

/** Rows of every table an import writes. */
export async function rowCounts() {
  const db = testDb()
  const n = async (t: Parameters<ReturnType<typeof db.select>['from']>[0]) =>
    (await db.select({ n: count() }).from(t))[0]!.n
  return {
    articles: await n(articles),
    comments: await n(comments),
    categories: await n(categories),
    media: await n(media),
    legacyPaths: await n(legacyPaths),
    topics: await n(topics),
    articleTopics: await n(articleTopics),
    objects: (await env.MEDIA.list()).objects.length,
  }
}

/** Imports `bundle` into this test file's D1 and R2 (at a fixed time). */
export function importBundle(bundle: ImportBundle, files: UploadsReader | null) {
  forgetNoLegacyPaths()
  return runImport(testDb(), bundle, {
    files,
    bucket: env.MEDIA,
    images: env.IMAGES,
    now: new Date('2026-11-30T00:00:00Z'),
  })
}

/** Asserts that `from` answers 301 to `to`. */
export async function expectMoved(from: string, to: string) {
  const res = await appFetch(from, { init: { redirect: 'manual' } })
  expect([from, res.status, res.headers.get('location')]).toEqual([from, 301, to])
}

/**
 * An imported article's page as a reader gets it (200), checked for anything live that is not
 * the portal's own (scripts, handlers, script URLs: liveInjections). Returns the HTML and facts.
 */
export async function readerPage(slug: string) {
  const res = await appFetch(`/bai-viet/${slug}`)
  expect(res.status).toBe(200)
  const html = await res.text()
  expect(await liveInjections(html)).toEqual([])
  return { html, facts: await articlePageFacts(html) }
}

/** The row counts of one kind in a report: created, updated, unchanged, skipped. */
export type Counts = { created: number; updated: number; unchanged: number; skipped: number }
