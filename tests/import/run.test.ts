/**
 * The import core against a real D1 (the real migrations) and R2: a small export built here
 * goes in, a second run changes nothing, a run cut off by a failing D1 goes on from where it
 * stopped, old addresses answer 301, bodies are safe and searchable without marks.
 */
import { env } from 'cloudflare:workers'
import { count, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import {
  articles,
  auditLog,
  categories,
  comments,
  importRecords,
  legacyPaths,
  media,
} from '../../src/db/schema'
import { HIDDEN_PHONE } from '../../src/lib/phone'
import { runImport } from '../../src/import/run'
import { forgetNoLegacyPaths } from '../../src/routes/legacy'
import type { ImportArticle, ImportBundle } from '../../src/import/types'
import { legacyKey } from '../../src/lib/legacy-path'
import { faultyD1 } from '../reliability/fault-d1'
import { JPEG_1600X900, PNG_480X270 } from '../fixtures/images'
import { appFetch, get, testDb } from '../helpers'
import { liveInjections } from '../security/harness'
import { rowCounts } from './import-harness'

const at = (iso: string) => new Date(iso)

function article(id: number, fields: Partial<ImportArticle> = {}): ImportArticle {
  return {
    sourceId: String(id),
    title: `Bài số ${id}`,
    alias: `bai-so-${id}`,
    leadHtml: `<p>Tóm tắt bài ${id}</p>`,
    bodyHtml: `<p>Nội dung bài ${id}.</p>`,
    author: 'Phóng viên',
    source: 'HNP',
    publishedAt: at('2024-05-12T01:30:00Z'),
    rawDate: '',
    status: 'published',
    views: 10 * id,
    categoryId: 'c1',
    tags: [],
    cover: null,
    attachments: [],
    commentsEnabled: true,
    oldPaths: [legacyKey(`/news/tin-tuc/bai-so-${id}-${id}.html`)!],
    ...fields,
  }
}

/** A small export: two categories, seven articles of every kind, three comments. */
function bundle(name = 'test:core'): ImportBundle {
  return {
    source: {
      kind: 'nukeviet',
      name,
      uploadPath: (src) => /\/uploads\/(.+)$/.exec(src)?.[1] ?? null,
    },
    categories: [
      {
        sourceId: 'c1',
        name: 'Tin hoạt động',
        alias: 'tin-hoat-dong',
        parentId: null,
        position: 1,
        oldPaths: ['/news/tin-hoat-dong'],
      },
      {
        sourceId: 'c2',
        name: 'Tin Hoạt Động (cũ)',
        alias: 'Tin-Hoat-Dong',
        parentId: 'c1',
        position: 2,
        oldPaths: ['/news/tin-hoat-dong-cu'],
      },
    ],
    articles: [
      article(1, {
        title: 'Thường Tín tổ chức hội nghị'.normalize('NFD'),
        bodyHtml:
          '<p>Đoạn <b>đậm <i>nghiêng</p><script>alert(1)</script><img src=x onerror=alert(1)>' +
          '<a href="javascript:alert(1)">bấm</a><iframe src="https://evil.test"></iframe>' +
          '<figure><img src="/uploads/news/2024_05/anh-1.jpg" alt="Hội nghị"><figcaption>Toàn cảnh</figcaption></figure>' +
          '<p><img src="http://old.site.vn/uploads/news/2024_05/thieu.jpg" alt=""></p>' +
          '<p><a href="/uploads/news/2024_05/van-ban.pdf">Tải văn bản</a></p>',
        cover: { src: '/uploads/news/2024_05/bia.png', alt: '' },
        tags: ['Hội nghị', 'hội nghị', 'Chuyển đổi số'],
      }),
      article(2, { alias: 'bai-so-1', categoryId: 'c2', oldPaths: ['/?p=2'] }),
      article(3, { status: 'draft', publishedAt: null }),
      article(4, { publishedAt: at('2027-01-01T00:00:00Z') }),
      article(5, { publishedAt: null, rawDate: '0' }),
      article(6, { leadHtml: '', bodyHtml: '<script>x()</script>' }),
      article(7, { categoryId: null }),
    ],
    comments: [
      {
        sourceId: 'k1',
        articleId: '1',
        name: 'Nguyễn Văn A',
        email: 'a@example.vn',
        phone: '',
        title: '',
        content: '<p>Liên hệ tôi: 0912 345 678 nhé</p>',
        status: 'approved',
        createdAt: at('2024-05-13T01:00:00Z'),
        rawDate: '',
      },
      {
        sourceId: 'k2',
        articleId: '1',
        name: '',
        email: '',
        phone: '',
        title: 'Ý kiến',
        content: 'Chờ duyệt',
        status: 'pending',
        createdAt: at('2024-05-13T02:00:00Z'),
        rawDate: '',
      },
      {
        sourceId: 'k3',
        articleId: '6',
        name: 'B',
        email: '',
        phone: '',
        title: '',
        content: 'Bài không được nhập',
        status: 'approved',
        createdAt: at('2024-05-13T02:00:00Z'),
        rawDate: '',
      },
    ],
    skipped: [],
  }
}

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const files = {
  read: async (path: string) =>
    ({
      'news/2024_05/anh-1.jpg': JPEG_1600X900,
      'news/2024_05/bia.png': PNG_480X270,
      'news/2024_05/van-ban.pdf': PDF,
    })[path] ?? null,
}
const NOW = at('2026-11-30T00:00:00Z')
const options = { files, bucket: env.MEDIA, images: env.IMAGES, now: NOW }

describe('an import run', () => {
  let first: Awaited<ReturnType<typeof runImport>>
  beforeAll(async () => {
    first = await runImport(testDb(), bundle(), options)
    // Another test file's 404s may have taught this isolate that there were no old addresses.
    forgetNoLegacyPaths()
  })

  it('counts what it created and why it skipped the rest', async () => {
    // The bundle's two, and the default "Tin tức" made for its article without a category.
    expect(first.counts.category).toMatchObject({ created: 3, skipped: 0 })
    expect(
      (await testDb().select().from(categories).where(eq(categories.slug, 'tin-tuc'))).length,
    ).toBe(1)
    expect(first.counts.article).toMatchObject({ created: 6, skipped: 1 })
    expect(first.counts.comment).toMatchObject({ created: 2, skipped: 1 })
    expect(first.counts.media.created).toBe(3)
    const reasons = first.skipped.map((s) => `${s.kind}:${s.sourceId}:${s.reason}`)
    expect(reasons).toContain('article:6:empty body')
    expect(reasons).toContain('comment:k3:article not imported')
    expect(reasons).toContain(
      'media:http://old.site.vn/uploads/news/2024_05/thieu.jpg:missing file',
    )
  })

  it('stores NFC titles, portal slugs (duplicates numbered), times, views and statuses', async () => {
    const rows = await testDb().select().from(articles).orderBy(articles.id)
    const bySlug = new Map(rows.map((r) => [r.slug, r]))
    const one = bySlug.get('bai-so-1')!
    expect(one.title).toBe('Thường Tín tổ chức hội nghị'.normalize('NFC'))
    expect(one.publishedAt).toEqual(at('2024-05-12T01:30:00Z'))
    expect(one.viewCount).toBe(10)
    expect(bySlug.get('bai-so-1-2')?.viewCount).toBe(20)
    expect(bySlug.get('bai-so-3')?.status).toBe('draft')
    // Published without a usable time: kept as a draft for an editor, and said so.
    expect(bySlug.get('bai-so-5')).toMatchObject({ status: 'draft', publishedAt: null })
    expect(first.warnings).toContainEqual({
      kind: 'article',
      sourceId: '5',
      message: 'bad date (0): kept as a draft',
    })
    expect(bySlug.get('bai-so-4')?.publishedAt).toEqual(at('2027-01-01T00:00:00Z'))
    const [defaultCategory] = await testDb()
      .select()
      .from(categories)
      .where(eq(categories.id, bySlug.get('bai-so-7')!.categoryId))
    expect(defaultCategory?.slug).toBe('tin-tuc')
    const cats = await testDb().select({ slug: categories.slug }).from(categories)
    expect(cats.map((c) => c.slug)).toEqual(
      expect.arrayContaining(['tin-hoat-dong', 'tin-hoat-dong-2']),
    )
  })

  it('keeps the body safe, its image a figure with caption and size, the PDF an attachment', async () => {
    const [one] = await testDb().select().from(articles).where(eq(articles.slug, 'bai-so-1'))
    expect(one!.body).not.toMatch(/script|iframe|onerror|javascript/i)
    expect(await liveInjections(one!.bodyHtml)).toEqual([])
    expect(one!.bodyHtml).toMatch(/<figcaption>Toàn cảnh<\/figcaption>/)
    expect(one!.bodyHtml).toMatch(/width="1600" height="900"/)
    expect(one!.body).toMatch(/^Đoạn .*đậm.*nghiêng/)
    expect(one!.coverImage).toMatch(/^\/media\/anh\/2024\/05\/[A-Za-z0-9_-]{22}\.png$/)
    expect(one!.coverAlt).toBe(one!.title)
    const files = await testDb().select().from(media).orderBy(media.key)
    const pdf = files.find((f) => f.kind === 'attachment')!
    expect(pdf.articleId).toBe(one!.id)
    expect(one!.body).toContain(`/media/${pdf.key}`)
    // Stored as the decoder wrote it again (cleanImage): the same picture, a JPEG of 1600 x 900.
    const stored = await env.MEDIA.get(files.find((f) => f.width === 1600)!.key)
    expect(await env.IMAGES.info(stored!.body)).toMatchObject({
      format: 'image/jpeg',
      width: 1600,
      height: 900,
    })
  })

  it('hides a phone number typed into a comment, keeping it and the email for editors', async () => {
    const rows = await testDb().select().from(comments).orderBy(comments.id)
    expect(rows[0]).toMatchObject({
      content: `Liên hệ tôi: ${HIDDEN_PHONE} nhé`,
      phone: '+84912345678',
      email: 'a@example.vn',
      status: 'approved',
    })
    expect(rows[1]).toMatchObject({ name: 'Bạn đọc', status: 'pending', title: 'Ý kiến' })
    const page = await (await get('/bai-viet/bai-so-1')).text()
    expect(page).toContain(HIDDEN_PHONE)
    expect(page).not.toMatch(/0912|912 ?345|a@example/)
  })

  it('answers the old addresses with 301 to the new ones', async () => {
    const cases: [string, string][] = [
      ['/news/tin-tuc/bai-so-1-1.html', '/bai-viet/bai-so-1'],
      ['/News/Tin-Tuc/Bai-So-1-1.html/?utm_source=zalo', '/bai-viet/bai-so-1'],
      ['/?p=2', '/bai-viet/bai-so-1-2'],
      ['/news/tin-hoat-dong/', '/chuyen-muc/tin-hoat-dong'],
      ['/news/tin-hoat-dong-cu', '/chuyen-muc/tin-hoat-dong-2'],
    ]
    for (const [from, to] of cases) {
      const res = await appFetch(from, { init: { redirect: 'manual' } })
      expect([from, res.status, res.headers.get('location')]).toEqual([from, 301, to])
    }
    // A draft's old address stays 404 until it is published, as its own address does.
    expect((await appFetch('/news/tin-tuc/bai-so-3-3.html')).status).toBe(404)
    expect((await appFetch('/?p=999')).status).toBe(404)
    expect((await appFetch('/news/khong-co.html')).status).toBe(404)
  })

  it('makes imported articles findable without tone marks', async () => {
    const html = await (await get('/tim-kiem?q=thuong%20tin%20hoi%20nghi')).text()
    expect(html).toContain('/bai-viet/bai-so-1"')
  })

  it('changes nothing on a second run, and updates only what changed', async () => {
    const before = await rowCounts()
    const again = await runImport(testDb(), bundle(), options)
    expect(again.counts.article).toEqual({ created: 0, updated: 0, unchanged: 6, skipped: 1 })
    expect(again.counts.comment).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: 1 })
    expect(again.counts.category.unchanged).toBe(2)
    expect(await rowCounts()).toEqual(before)
    const changed = bundle()
    changed.articles[1] = { ...changed.articles[1]!, title: 'Tiêu đề đã sửa', views: 99 }
    const third = await runImport(testDb(), changed, options)
    expect(third.counts.article).toMatchObject({ created: 0, updated: 1, unchanged: 5 })
    const [two] = await testDb().select().from(articles).where(eq(articles.slug, 'bai-so-1-2'))
    expect(two).toMatchObject({ title: 'Tiêu đề đã sửa', viewCount: 99 })
    expect(await rowCounts()).toEqual(before)
  })

  it('writes nothing on a dry run', async () => {
    const before = await rowCounts()
    const dry = await runImport(testDb(), bundle('test:dry'), { ...options, dryRun: true })
    expect(dry.counts.article.created).toBe(6)
    expect(await rowCounts()).toEqual(before)
  })
})

describe('an interrupted import', () => {
  it('goes on from the last whole batch and ends as an uninterrupted one', async () => {
    const name = 'test:resume'
    const source = bundle(name)
    // Different addresses from the first describe's import, so both live in one database.
    source.articles = source.articles.map((a) => ({
      ...a,
      alias: `resume-${a.alias}`,
      oldPaths: [`/resume/${a.sourceId}.html`],
    }))
    source.categories = source.categories.map((c) => ({ ...c, oldPaths: [] }))
    const faulty = faultyD1(env.DB, { kind: 'error', at: 40 })
    const cut = await runImport(createDb(faulty.db), source, { ...options, batchSize: 2 }).catch(
      (err: Error & { report?: { error?: string } }) => err,
    )
    expect(cut).toBeInstanceOf(Error)
    const db = testDb()
    const mine = eq(importRecords.source, name)
    const half = (await db.select({ n: count() }).from(importRecords).where(mine))[0]!.n
    expect(half).toBeGreaterThan(0)
    const rest = await runImport(db, source, { ...options, batchSize: 2 })
    expect(rest.counts.article.created + rest.counts.article.unchanged).toBe(6)
    const slugs = (await db.select({ slug: articles.slug }).from(articles))
      .map((a) => a.slug)
      .filter((s) => s.startsWith('resume-'))
    expect(slugs.sort()).toEqual([
      'resume-bai-so-1',
      'resume-bai-so-1-2',
      'resume-bai-so-3',
      'resume-bai-so-4',
      'resume-bai-so-5',
      'resume-bai-so-7',
    ])
    const runs = await db.select().from(auditLog).where(eq(auditLog.targetId, name))
    expect(runs.map((r) => r.action)).toEqual(['import.run'])
  })
})

describe('statements of an import', () => {
  it('never bind more than D1 allows (100 parameters), even with the largest batches', async () => {
    let most = 0
    const watch = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, prop) {
          const value = Reflect.get(t, prop, t)
          if (typeof value !== 'function') return value
          if (prop === 'bind') {
            return (...args: unknown[]) => {
              most = Math.max(most, args.length)
              return watch(value.apply(t, args))
            }
          }
          if (prop === 'prepare' || prop === 'withSession') {
            return (...args: unknown[]) => watch(value.apply(t, args))
          }
          return value.bind(t)
        },
      })
    const source = bundle('test:params')
    source.articles = Array.from({ length: 120 }, (_, i) =>
      article(1000 + i, {
        alias: `tham-so-${i}`,
        tags: Array.from({ length: 12 }, (_, k) => `Chủ đề ${k}`),
        oldPaths: Array.from({ length: 8 }, (_, k) => `/tham-so/${i}/${k}.html`),
      }),
    )
    source.categories = source.categories.map((c) => ({ ...c, oldPaths: [] }))
    const report = await runImport(createDb(watch(env.DB)), source, { ...options, batchSize: 500 })
    expect(report.counts.article.created).toBe(120)
    expect(most).toBeGreaterThan(10)
    expect(most).toBeLessThanOrEqual(100)
  })
})

describe('what an import leaves out of an article', () => {
  it('reports tags past the topic limit by name, and a changed record raises the version', async () => {
    const source = bundle('test:tags')
    source.articles = [
      article(5000, {
        alias: 'nhieu-the',
        tags: [...Array.from({ length: 45 }, (_, k) => `Thẻ số ${k + 1}`), 'x'.repeat(80)],
      }),
    ]
    const report = await runImport(createDb(env.DB), source, options)
    expect(report.counts.article.created).toBe(1)
    const topicWarnings = report.warnings.filter((w) => w.kind === 'topic')
    expect(topicWarnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^35 of 45 tags left out \(at most 10 topics an article\): Thẻ số 11, /,
      ),
      '1 tags left out: empty or longer than 60 characters',
    ])
    expect(topicWarnings[0]!.message).toContain('Thẻ số 45')
    // Run again with a changed title: the stored article's version goes up.
    const [before] = await testDb().select().from(articles).where(eq(articles.slug, 'nhieu-the'))
    source.articles[0]!.title = 'Bài số 5000, sửa'
    await runImport(createDb(env.DB), source, options)
    const [after] = await testDb().select().from(articles).where(eq(articles.slug, 'nhieu-the'))
    expect(after!.version).toBe(before!.version + 1)
  })
})
