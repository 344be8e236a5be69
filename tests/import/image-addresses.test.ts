/**
 * Images an import does not copy: an http image elsewhere keeps its https address (what a
 * browser on an https page asks for anyway), with a warning, as body image and as cover.
 */
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../src/db/schema'
import { runImport } from '../../src/import/run'
import type { ImportBundle } from '../../src/import/types'
import { importArticle } from '../fixtures/import-article'
import { seedSample, testDb } from '../helpers'

const NOW = new Date('2026-11-30T00:00:00Z')

const article = importArticle({
  sourceId: '1',
  title: 'Ảnh ở nơi khác',
  alias: 'anh-o-noi-khac',
  bodyHtml:
    '<p>Chữ.</p><p><img src="http://baohanoi.example.vn/anh/cau.jpg" alt="Cầu"></p>' +
    '<p><img src="data:image/png;base64,AAAA" alt="Nhúng"></p>',
  cover: { src: 'http://baohanoi.example.vn/anh/bia.jpg', alt: 'Bìa' },
})

const bundle: ImportBundle = {
  source: { kind: 'nukeviet', name: 'test:image-addresses', uploadPath: () => null },
  categories: [],
  articles: [article],
  comments: [],
  skipped: [],
}

beforeAll(seedSample)

describe('images an import keeps as addresses', () => {
  it('keeps an http image as its https address, said so; drops what is no web address', async () => {
    const report = await runImport(testDb(), bundle, {
      bucket: env.MEDIA,
      images: env.IMAGES,
      files: null,
      now: NOW,
    })
    const [row] = await testDb().select().from(articles).where(eq(articles.slug, 'anh-o-noi-khac'))
    expect(row!.body).toContain('![Cầu](<https://baohanoi.example.vn/anh/cau.jpg>)')
    expect(row!.coverImage).toBe('https://baohanoi.example.vn/anh/bia.jpg')
    expect(report.warnings.map((w) => `${w.sourceId}: ${w.message}`)).toEqual(
      expect.arrayContaining([
        'http://baohanoi.example.vn/anh/cau.jpg: http image kept as https://baohanoi.example.vn/anh/cau.jpg',
        'http://baohanoi.example.vn/anh/bia.jpg: http image kept as https://baohanoi.example.vn/anh/bia.jpg',
      ]),
    )
    expect(report.skipped.map((s) => `${s.sourceId.slice(0, 10)}: ${s.reason}`)).toEqual([
      'data:image: neither an upload nor a web address',
    ])
  })
})
