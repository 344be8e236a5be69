/**
 * A NukeViet 4 news module (tests/fixtures/import/nukeviet: a mysqldump with the real table and
 * column names, and its uploads folder) imported into a fresh D1 and R2: counts, texts, times,
 * images, old addresses, safety, search, sitemap; a second run changes nothing.
 */
import { env } from 'cloudflare:workers'
import { asc, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles, categories, comments, media, topics } from '../../src/db/schema'
import type { ImportReport } from '../../src/import/report'
import { parseNukeViet } from '../../src/import/sources/nukeviet'
import { appFetch, testDb } from '../helpers'
import dump from '../fixtures/import/nukeviet/dump.sql?raw'
import { expectMoved, fixtureUploads, importBundle, readerPage, rowCounts } from './import-harness'

const uploads = fixtureUploads(
  import.meta.glob('../fixtures/import/nukeviet/uploads/**/*', {
    query: '?inline',
    import: 'default',
    eager: true,
  }),
  '../fixtures/import/nukeviet/uploads',
)

const TITLE_1 = 'Hà Nội khởi công cầu Trần Hưng Đạo (giai đoạn 1)'
let report: ImportReport

beforeAll(async () => {
  report = await importBundle(parseNukeViet(dump), uploads)
})

const article = async (slug: string) =>
  (await testDb().select().from(articles).where(eq(articles.slug, slug)))[0]!

describe('a NukeViet import', () => {
  it('counts each kind and says why it skipped what it skipped', () => {
    expect(report.counts.category).toEqual({ created: 4, updated: 0, unchanged: 0, skipped: 0 })
    expect(report.counts.article).toEqual({ created: 11, updated: 0, unchanged: 0, skipped: 2 })
    expect(report.counts.comment).toEqual({ created: 5, updated: 0, unchanged: 0, skipped: 2 })
    expect(report.counts.media.created).toBe(4)
    const why = report.skipped.map((s) => `${s.kind} ${s.sourceId}: ${s.reason}`)
    expect(why).toEqual(
      expect.arrayContaining([
        'article 9: empty body',
        'article 11: missing title',
        'media /uploads/news/2024_05/khong-ton-tai.jpg: missing file',
      ]),
    )
    expect(report.warnings).toContainEqual({
      kind: 'article',
      sourceId: '8',
      message: 'bad date (0): kept as a draft',
    })
    expect(report.warnings).toContainEqual({
      kind: 'comment',
      sourceId: '6',
      message: 'bad date (0): dated as its article',
    })
  })

  it('keeps titles (NFC, entities decoded), times, views, source, topics and statuses', async () => {
    const one = await article('ha-noi-khoi-cong-cau-tran-hung-dao')
    expect(one).toMatchObject({
      title: TITLE_1,
      source: 'Báo Hà Nội Mới',
      viewCount: 1234,
      status: 'published',
      publishedAt: new Date('2024-05-15T01:30:00Z'),
    })
    const nfd = await article('thong-bao-lich-tiep-cong-dan-thang-6')
    expect(nfd.title).toBe('Thông báo lịch tiếp công dân tháng 6'.normalize('NFC'))
    expect((await article('de-an-pho-di-bo-cho-dem-thuong-tin')).title).toBe(
      'Đề án "Phố đi bộ" & chợ đêm Thường Tín',
    )
    expect((await article('ban-nhap-ke-hoach-trong-cay')).status).toBe('draft')
    expect((await article('le-hoi-lang-nghe-thuong-tin-2027')).publishedAt).toEqual(
      new Date('2027-01-01T01:00:00Z'),
    )
    const names = (await testDb().select().from(topics).orderBy(asc(topics.slug))).map(
      (t) => t.name,
    )
    expect(names).toEqual(expect.arrayContaining(['Hà Nội', 'Xây dựng nông thôn mới']))
  })

  it('tells duplicate aliases apart the portal way, and flattens nested categories', async () => {
    expect((await article('thong-bao-tuyen-dung')).title).toBe(
      'Thông báo tuyển dụng viên chức năm 2024',
    )
    expect((await article('thong-bao-tuyen-dung-2')).title).toBe(
      'Thông báo tuyển dụng công chức xã',
    )
    const slugs = (await testDb().select().from(categories)).map((c) => c.slug).sort()
    expect(slugs).toEqual(['thoi-su-trong-nuoc', 'tin-tuc', 'tin-tuc-2', 'van-ban-chinh-sach'])
  })

  it('copies the cover, the body images and the attachment into R2 with their sizes', async () => {
    const one = await article('ha-noi-khoi-cong-cau-tran-hung-dao')
    const files = await testDb().select().from(media).orderBy(asc(media.fileName))
    expect(files.map((f) => [f.fileName, f.kind, f.width, f.height])).toEqual([
      ['anh-1.jpg', 'image', 200, 120],
      ['anh-2.png', 'image', 200, 120],
      ['anh-bia.jpg', 'image', 200, 120],
      ['van-ban.pdf', 'attachment', null, null],
    ])
    const cover = files.find((f) => f.fileName === 'anh-bia.jpg')!
    expect(one.coverImage).toBe(`/media/${cover.key}`)
    expect(files.find((f) => f.kind === 'attachment')!.articleId).toBe(one.id)
    for (const f of files) {
      const object = await env.MEDIA.get(f.key)
      expect(object?.size).toBe(f.size)
    }
    const { html } = await readerPage('ha-noi-khoi-cong-cau-tran-hung-dao')
    for (const f of files.filter((f) => f.kind === 'image' && f !== cover)) {
      expect(html).toContain(`/media/${f.key}`)
    }
    const image = await appFetch(one.coverImage!)
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
  })

  it('keeps hostile bodies out of the page and the phone number typed in a comment hidden', async () => {
    const hostile = await readerPage('thong-bao-lich-tiep-cong-dan-thang-6')
    expect(hostile.html).not.toMatch(/alert\(|onerror|javascript:/i)
    const { html } = await readerPage('ha-noi-khoi-cong-cau-tran-hung-dao')
    const stored = await testDb().select().from(comments).orderBy(asc(comments.id))
    expect(stored.find((c) => c.phone)?.phone).toBe('+84912345678')
    // Written with post_time 0: dated as its article (the scheduled festival story).
    expect(stored.find((c) => c.content === 'Bao giờ bán vé?')?.createdAt).toEqual(
      new Date('2027-01-01T01:00:00Z'),
    )
    expect(html).not.toMatch(/0912|345 678/)
  })

  it('points links to the old site’s own articles and categories at their redirects here', async () => {
    const { html } = await readerPage('thong-bao-tuyen-dung')
    const hrefs = [...html.matchAll(/<a href="([^"]+)">(tin khởi công cầu|chuyên mục Tin tức)</g)]
    expect(hrefs.map((m) => m[1])).toEqual([
      '/tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html',
      '/index.php/news/tin-tuc',
    ])
    await expectMoved(hrefs[0]![1]!, '/bai-viet/ha-noi-khoi-cong-cau-tran-hung-dao')
    await expectMoved(hrefs[1]![1]!, '/chuyen-muc/tin-tuc')
  })

  it('answers every old address with 301 to the new one', async () => {
    const to = '/bai-viet/ha-noi-khoi-cong-cau-tran-hung-dao'
    await expectMoved('/news/thoi-su-trong-nuoc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', to)
    await expectMoved('/news/tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', to)
    await expectMoved('/vi/news/tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', to)
    await expectMoved(
      '/index.php?language=vi&nv=news&op=tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1',
      to,
    )
    await expectMoved('/News/Tin-Tuc/Ha-Noi-Khoi-Cong-Cau-Tran-Hung-Dao-1.html?fbclid=x', to)
    await expectMoved('/news/tin_tuc/', '/chuyen-muc/tin-tuc-2')
    await expectMoved('/index.php?language=vi&nv=news&op=tin-tuc', '/chuyen-muc/tin-tuc')
    // The news module as the site's home module (rewrite_op_mod), and index.php/ path info.
    await expectMoved('/Tin-tuc/Ha-Noi-Khoi-Cong-Cau-Tran-Hung-Dao-1.html', to)
    await expectMoved('/vi/tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', to)
    await expectMoved('/index.php/news/tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', to)
    await expectMoved('/index.php/tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', to)
    await expectMoved('/Tin-tuc/', '/chuyen-muc/tin-tuc')
    // Not (yet) visible: the old address of a draft and of a scheduled story stay 404.
    for (const hidden of [
      '/news/tin-tuc/ban-nhap-ke-hoach-trong-cay-6.html',
      '/news/thoi-su-trong-nuoc/le-hoi-lang-nghe-thuong-tin-2027-7.html',
    ]) {
      expect((await appFetch(hidden)).status).toBe(404)
    }
  })

  it('finds imported stories by words typed without tone marks, and lists them in the sitemap', async () => {
    const found = await (await appFetch('/tim-kiem?q=khoi+cong+cau+tran+hung+dao')).text()
    expect(found).toContain('/bai-viet/ha-noi-khoi-cong-cau-tran-hung-dao"')
    const sitemap = await (await appFetch('/sitemap.xml')).text()
    expect(sitemap).toContain('/bai-viet/ha-noi-khoi-cong-cau-tran-hung-dao<')
    expect(sitemap).not.toContain('/bai-viet/ban-nhap-ke-hoach-trong-cay<')
  })

  it('changes nothing when the same dump is imported again', async () => {
    const before = await rowCounts()
    const again = await importBundle(parseNukeViet(dump), uploads)
    expect(again.counts.article).toEqual({ created: 0, updated: 0, unchanged: 11, skipped: 2 })
    expect(again.counts.comment).toEqual({ created: 0, updated: 0, unchanged: 5, skipped: 2 })
    expect(again.counts.category).toEqual({ created: 0, updated: 0, unchanged: 4, skipped: 0 })
    expect(again.counts.media.created).toBe(0)
    expect(await rowCounts()).toEqual(before)
  })
})
