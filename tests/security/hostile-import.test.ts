/**
 * The hostile-input corpus through the importer: every payload as an imported article's title,
 * lead, body, author, topic and old address, and as a comment's name and text. The import never
 * throws; every article page, the search page and the feed show the payloads as text only.
 */
import { env } from 'cloudflare:workers'
import { XMLValidator } from 'fast-xml-parser'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles, importRecords } from '../../src/db/schema'
import type { ImportReport } from '../../src/import/report'
import { runImport } from '../../src/import/run'
import type { ImportBundle } from '../../src/import/types'
import { legacyKey } from '../../src/lib/legacy-path'
import { forgetNoLegacyPaths } from '../../src/routes/legacy'
import { appFetch, testDb } from '../helpers'
import { PAYLOADS } from './corpus'
import { liveInjections } from './harness'

const SOURCE = 'test:hostile'

function hostileBundle(): ImportBundle {
  return {
    source: { kind: 'feed', name: SOURCE, uploadPath: () => null },
    categories: [
      { sourceId: 'c', name: 'Chuyên mục', alias: '', parentId: null, position: 0, oldPaths: [] },
    ],
    articles: PAYLOADS.map((p, i) => ({
      sourceId: String(i),
      title: `Bài ${i} ${p.value}`,
      alias: p.value,
      leadHtml: p.value,
      bodyHtml: `<p>Mở đầu ${i}</p>${p.value}<img src="${p.value}" alt="${p.value}"><a href="${p.value}">${p.value}</a>`,
      author: p.value,
      source: p.value,
      publishedAt: new Date('2024-05-12T01:30:00Z'),
      rawDate: '',
      status: 'published' as const,
      views: i,
      categoryId: 'c',
      tags: [p.value],
      cover: { src: p.value, alt: p.value },
      attachments: [p.value],
      commentsEnabled: true,
      oldPaths: [legacyKey(`/cu/${p.value}.html`)].filter((k): k is string => k !== null),
    })),
    comments: PAYLOADS.map((p, i) => ({
      sourceId: String(i),
      articleId: String(i),
      name: p.value,
      email: p.value,
      phone: p.value,
      title: p.value,
      content: `Ý kiến ${i}: ${p.value}`,
      status: 'approved' as const,
      createdAt: new Date('2024-05-13T01:30:00Z'),
      rawDate: '',
    })),
    skipped: [],
  }
}

let report: ImportReport

beforeAll(async () => {
  forgetNoLegacyPaths()
  report = await runImport(testDb(), hostileBundle(), { bucket: env.MEDIA, images: env.IMAGES })
}, 180_000)

describe('the hostile corpus through the importer', () => {
  it('imports every record without an error', () => {
    expect(report.error).toBeUndefined()
    expect(report.counts.article.created + report.counts.article.skipped).toBe(PAYLOADS.length)
    expect(report.counts.article.created).toBeGreaterThan(PAYLOADS.length - 5)
    // A megabyte title is no title: refused with the portal's limit, the rest imported.
    expect(report.skipped.map((s) => s.reason)).toContain('title longer than 300 characters')
  })

  it('shows every imported article as text: nothing live on its page', async () => {
    const rows = await testDb()
      .select({ slug: articles.slug, id: importRecords.sourceId })
      .from(importRecords)
      .innerJoin(articles, eq(articles.id, importRecords.targetId))
      .where(eq(importRecords.kind, 'article'))
    expect(rows.length).toBe(report.counts.article.created)
    for (const row of rows) {
      const res = await appFetch(`/bai-viet/${row.slug}`)
      expect([row.id, res.status]).toEqual([row.id, 200])
      expect([row.id, await liveInjections(await res.text())]).toEqual([row.id, []])
    }
  }, 180_000)

  it('keeps the search page and the feed clean and well-formed', async () => {
    const search = await appFetch('/tim-kiem?q=bai')
    expect(search.status).toBe(200)
    expect(await liveInjections(await search.text())).toEqual([])
    const feed = await (await appFetch('/rss.xml')).text()
    expect(XMLValidator.validate(feed)).toBe(true)
  })
})
