/**
 * The web admin's list of imports: every real run of `npm run import` (not a dry run) is kept
 * with its report, listed newest first and opened to its counts, skips and warnings; the JSON
 * API gives the same; a writer may not see them.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { runImport } from '../../src/import/run'
import type { ImportArticle, ImportBundle } from '../../src/import/types'
import { AdminClient } from '../admin-client'
import { importArticle } from '../fixtures/import-article'
import { get, seedSample, testDb, textsOf } from '../helpers'

const NOW = new Date('2026-11-30T00:00:00Z')

const article = (id: number, fields: Partial<ImportArticle> = {}) =>
  importArticle({ sourceId: String(id), alias: `bai-nhap-trang-${id}`, ...fields })

const bundle = (name: string): ImportBundle => ({
  source: { kind: 'feed', name, uploadPath: () => null },
  categories: [],
  articles: [
    article(1),
    article(2, { title: '' }),
    article(3, { bodyHtml: '<p>Gọi 0912 345 678</p>' }),
  ],
  comments: [],
  skipped: [],
})

const admin = new AdminClient()
const options = { bucket: env.MEDIA, images: env.IMAGES, files: null, now: NOW }

beforeAll(async () => {
  await seedSample()
  await runImport(testDb(), bundle('feed:https://trang-cu.example.vn/rss'), options)
  await runImport(testDb(), bundle('feed:https://thu.example.vn/rss'), { ...options, dryRun: true })
  expect((await admin.login()).status).toBe(303)
})

describe('the list of imports', () => {
  it('lists each real run with its counts, not the dry run', async () => {
    const { res, html } = await admin.page('/admin/nhap-du-lieu')
    expect(res.status).toBe(200)
    const rows = await textsOf(html, 'table tbody tr')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('feed:https://trang-cu.example.vn/rss')
    expect(rows[0]).toContain('Hoàn tất')
    expect(rows[0]).toContain('2 mới, 0 cập nhật, 0 không đổi, 1 bỏ qua')
    expect(html).toContain('href="/admin/nhap-du-lieu"')
  })

  it('opens a run to its counts, skipped records and warnings', async () => {
    const list = await admin.page('/admin/nhap-du-lieu')
    const id = /href="\/admin\/nhap-du-lieu\/(\d+)"/.exec(list.html)![1]
    const { res, html } = await admin.page(`/admin/nhap-du-lieu/${id}`)
    expect(res.status).toBe(200)
    expect(await textsOf(html, '.import-list li')).toEqual(
      expect.arrayContaining(['article 2: missing title']),
    )
    expect(html).toContain('Báo cáo dạng văn bản')
    expect((await admin.request('/admin/nhap-du-lieu/999999')).status).toBe(404)
  })

  it('gives the same through the JSON API, and refuses a writer', async () => {
    const auth = { authorization: 'Bearer test-admin-token' }
    const list = (await (await get('/api/admin/imports', { headers: auth })).json()) as {
      items: { id: number; source: string; counts: { article: { created: number } } }[]
    }
    expect(list.items.map((r) => [r.source, r.counts.article.created])).toEqual([
      ['feed:https://trang-cu.example.vn/rss', 2],
    ])
    const one = (await (
      await get(`/api/admin/imports/${list.items[0]!.id}`, { headers: auth })
    ).json()) as {
      report: { skippedTotal: number }
    }
    expect(one.report.skippedTotal).toBe(1)
    const created = (await (
      await get('/api/admin/editors', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Phóng viên nhập', role: 'writer' }),
      })
    ).json()) as { token: string }
    const writer = new AdminClient()
    expect((await writer.login(created.token)).status).toBe(303)
    expect((await writer.request('/admin/nhap-du-lieu')).status).toBe(403)
  })
})
