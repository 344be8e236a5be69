/**
 * RSS 2.0 and Atom feeds (tests/fixtures/import/feed) imported into a fresh D1 without an
 * uploads folder, as for a portal that only exposes feeds: images on https stay on the old
 * site's addresses, everything else is as for the other sources; a second run changes nothing.
 */
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { articles } from '../../src/db/schema'
import type { ImportReport } from '../../src/import/report'
import { parseFeed } from '../../src/import/sources/feed'
import { appFetch, testDb } from '../helpers'
import atom from '../fixtures/import/feed/atom.xml?raw'
import rss from '../fixtures/import/feed/rss.xml?raw'
import { expectMoved, importBundle, readerPage, rowCounts } from './import-harness'

let fromRss: ImportReport
let fromAtom: ImportReport

beforeAll(async () => {
  fromRss = await importBundle(parseFeed(rss), null)
  fromAtom = await importBundle(parseFeed(atom), null)
})

const article = async (slug: string) =>
  (await testDb().select().from(articles).where(eq(articles.slug, slug)))[0]!

describe('a feed import', () => {
  it('counts RSS items and Atom entries', () => {
    expect(fromRss.counts.article).toEqual({ created: 4, updated: 0, unchanged: 0, skipped: 1 })
    expect(fromAtom.counts.article).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0 })
    expect(fromRss.counts.category.created).toBe(3)
    expect(fromAtom.counts.category.created).toBe(2)
  })

  it('reads RFC 822 and RFC 3339 times, a time without a zone at +07:00', async () => {
    expect((await article('khanh-thanh-cau-ben-do-noi-hai-xa')).publishedAt).toEqual(
      new Date('2024-05-14T01:30:00Z'),
    )
    const noZone = await article('canh-bao-trang-web-gia-mao-lua-dao-script-alert-1-script')
    expect(noZone.publishedAt).toEqual(new Date('2024-05-14T00:00:00Z'))
    expect((await article('le-hoi-den-mau-thu-hut-hang-nghin-du-khach')).publishedAt).toEqual(
      new Date('2024-05-12T02:00:00Z'),
    )
    // "Thứ Hai, 13/05/2024 17:00" is no RFC 822 time: kept as a draft for an editor.
    expect((await article('ban-tin-nhanh-chieu-13-5')).status).toBe('draft')
  })

  it('keeps an https cover on the old site without an uploads folder, and drops a data: one', async () => {
    const first = await article('khanh-thanh-cau-ben-do-noi-hai-xa')
    expect(first.coverImage).toBe('https://tinlang.example.vn/uploads/news/2024_05/cau.jpg')
    expect((await article('ban-tin-nhanh-chieu-13-5')).coverImage).toBeNull()
    expect(fromRss.warnings.map((w) => w.message)).toContain(
      'not in the uploads folder: the image stays on the old site',
    )
  })

  it('shows hostile feed content as text only', async () => {
    const { html } = await readerPage('canh-bao-trang-web-gia-mao-lua-dao-script-alert-1-script')
    const rest = html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '')
    expect(rest).not.toMatch(/<script>alert|onerror=|href="javascript:/i)
    await readerPage('phat-hien-hang-gia-tai-cho-sieu-thi')
  })

  it('answers item links with 301', async () => {
    await expectMoved(
      '/thoi-su/khanh-thanh-cau-ben-do-1234.html',
      '/bai-viet/khanh-thanh-cau-ben-do-noi-hai-xa',
    )
    await expectMoved('/?p=2002', '/bai-viet/phat-hien-hang-gia-tai-cho-sieu-thi')
    const found = await (await appFetch('/tim-kiem?q=khanh+thanh+cau+ben+do')).text()
    expect(found).toContain('/bai-viet/khanh-thanh-cau-ben-do-noi-hai-xa"')
  })

  it('changes nothing when the same feeds are imported again', async () => {
    const before = await rowCounts()
    expect((await importBundle(parseFeed(rss), null)).counts.article.created).toBe(0)
    expect((await importBundle(parseFeed(atom), null)).counts.article.unchanged).toBe(3)
    expect(await rowCounts()).toEqual(before)
  })
})
