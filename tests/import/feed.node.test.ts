import { describe, expect, it } from 'vitest'
import { parseFeed } from '../../src/import/sources/feed'
import type { ImportArticle, ImportBundle } from '../../src/import/types'
import atomXml from '../fixtures/import/feed/atom.xml?raw'
import rssXml from '../fixtures/import/feed/rss.xml?raw'

const rss = parseFeed(rssXml)
const atom = parseFeed(atomXml)
const pick = (bundle: ImportBundle, id: string): ImportArticle => {
  const found = bundle.articles.find((a) => a.sourceId === id)
  if (!found) throw new Error(`no article ${id}`)
  return found
}
const iso = (d: Date | null) => d?.toISOString() ?? null

const BRIDGE = 'tinlang-news-1234'
const SCAM = 'https://tinlang.example.vn/canh-bao/trang-web-gia-mao-1235.html'
const GUIDE = 'https://tinlang.example.vn/doi-song/huong-dan-dang-ky-thuong-tru-1236.html'

describe('parseFeed: RSS 2.0', () => {
  it('names the feed by its channel link and reads every item but the empty one', () => {
    expect(rss.source).toMatchObject({ kind: 'feed', name: 'feed:https://tinlang.example.vn/' })
    expect(rss.articles).toHaveLength(4)
    expect(rss.comments).toEqual([])
    expect(rss.skipped).toEqual([
      {
        kind: 'article',
        sourceId: 'https://tinlang.example.vn/thoi-su/bai-rong-1237.html',
        reason: 'empty body',
      },
    ])
  })

  it('takes ids from guid, else link, else a hash of title and date that does not change', () => {
    const ids = rss.articles.map((a) => a.sourceId)
    expect(ids.slice(0, 3)).toEqual([BRIDGE, SCAM, GUIDE])
    expect(ids[3]).toMatch(/^hash:[0-9a-f]{14}$/)
    expect(parseFeed(rssXml).articles.map((a) => a.sourceId)).toEqual(ids)
    // Another title gives another hash.
    const renamed = parseFeed(rssXml.replace('Bản tin nhanh chiều 13/5', 'Bản tin tối 13/5'))
    expect(renamed.articles[3]?.sourceId).toMatch(/^hash:/)
    expect(renamed.articles[3]?.sourceId).not.toBe(ids[3])
  })

  it('gives NFC titles with entities decoded, escaped markup kept as text', () => {
    const nfd = 'Hướng dẫn đăng ký thường trú trực tuyến'.normalize('NFD')
    expect(rssXml).toContain(nfd)
    expect(rss.articles.map((a) => a.title)).toEqual([
      'Khánh thành cầu Bến Đò nối hai xã',
      'Cảnh báo: trang web giả mạo & lừa đảo <script>alert(1)</script>',
      'Hướng dẫn đăng ký thường trú trực tuyến'.normalize('NFC'),
      'Bản tin nhanh chiều 13/5',
    ])
  })

  it('uses content:encoded as body with the description as lead, else the description as body', () => {
    const bridge = pick(rss, BRIDGE)
    expect(bridge.bodyHtml).toMatch(/^<p>Sáng 14\/5, UBND huyện tổ chức lễ khánh thành/)
    expect(bridge.leadHtml).toBe(
      '<img src="https://tinlang.example.vn/uploads/news/2024_05/cau.jpg" align="left" /> Sáng 14/5, cầu Bến Đò dài 120 m đã được khánh thành.',
    )
    const scam = pick(rss, SCAM)
    expect(scam.leadHtml).toBe('')
    expect(scam.bodyHtml).toBe(
      '<p>Không bấm <a href="javascript:alert(1)">liên kết lạ</a><script>alert(document.cookie)</script><img src=x onerror=alert(1)><style>body{display:none}</style></p>',
    )
  })

  it('reads RFC 822 dates, a date without zone at +07:00, and keeps one that does not parse', () => {
    expect(iso(pick(rss, BRIDGE).publishedAt)).toBe('2024-05-14T01:30:00.000Z')
    expect(iso(pick(rss, SCAM).publishedAt)).toBe('2024-05-14T00:00:00.000Z')
    expect(iso(pick(rss, GUIDE).publishedAt)).toBe('2024-05-13T15:45:00.000Z')
    const [, , , flash] = rss.articles
    expect(flash?.publishedAt).toBeNull()
    expect(flash?.rawDate).toBe('Thứ Hai, 13/05/2024 17:00')
  })

  it('reads authors from dc:creator or the name in author', () => {
    expect(rss.articles.map((a) => a.author)).toEqual(['Minh Khôi', 'Phòng Bạn đọc', '', ''])
  })

  it('makes the first category the category (by slug) and the others tags', () => {
    expect(rss.categories).toEqual([
      {
        sourceId: 'thoi-su',
        name: 'Thời sự',
        alias: '',
        parentId: null,
        position: 1,
        oldPaths: [],
      },
      {
        sourceId: 'canh-bao',
        name: 'Cảnh báo',
        alias: '',
        parentId: null,
        position: 2,
        oldPaths: [],
      },
      {
        sourceId: 'doi-song',
        name: 'Đời sống',
        alias: '',
        parentId: null,
        position: 3,
        oldPaths: [],
      },
    ])
    expect(rss.articles.map((a) => a.categoryId)).toEqual([
      'thoi-su',
      'canh-bao',
      'doi-song',
      'thoi-su',
    ])
    expect(pick(rss, BRIDGE).tags).toEqual(['Giao thông', 'Nông thôn mới'])
  })

  it('finds covers in image enclosures and Media RSS, other enclosures as attachments', () => {
    expect(rss.articles.map((a) => a.cover?.src ?? null)).toEqual([
      'https://tinlang.example.vn/uploads/news/2024_05/cau.jpg',
      'https://cdn.example.net/img/canh-bao.png',
      'https://tinlang.example.vn/uploads/news/2024_05/thuong-tru_t.jpg',
      expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/]+=*$/),
    ])
    expect(pick(rss, SCAM).cover?.alt).toBe('Ảnh minh họa trang web giả mạo')
    expect(pick(rss, GUIDE).attachments).toEqual([
      'https://tinlang.example.vn/uploads/audio/ban-tin-13-5.mp3',
    ])
  })

  it('publishes everything, with no views and comments on', () => {
    for (const a of rss.articles) {
      expect([a.status, a.views, a.commentsEnabled, a.alias]).toEqual(['published', 0, true, ''])
    }
  })

  it('keeps old addresses from the link without tracking parameters', () => {
    expect(pick(rss, BRIDGE).oldPaths).toEqual(['/thoi-su/khanh-thanh-cau-ben-do-1234.html'])
    expect(pick(rss, SCAM).oldPaths).toEqual(['/canh-bao/trang-web-gia-mao-1235.html'])
    expect(rss.articles[3]?.oldPaths).toEqual([])
  })

  it('names files by their path for a mirror of the site, and nothing for other schemes', () => {
    const { uploadPath } = rss.source
    expect(uploadPath('https://tinlang.example.vn/uploads/news/2024_05/cau.jpg')).toBe(
      'uploads/news/2024_05/cau.jpg',
    )
    expect(uploadPath('/uploads/news/2024_05/cau-2.jpg')).toBe('uploads/news/2024_05/cau-2.jpg')
    expect(uploadPath('https://cdn.example.net/img/c%E1%BA%A7u.png?w=600')).toBe('img/cầu.png')
    expect(uploadPath('data:image/png;base64,iVBORw0KGgo=')).toBeNull()
    expect(uploadPath('javascript:alert(1)')).toBeNull()
    expect(uploadPath('https://tinlang.example.vn/')).toBeNull()
    expect(uploadPath('/a/..%2F..%2Fsecret')).toBeNull()
  })

  it('is stable across runs', () => {
    const again = parseFeed(rssXml)
    expect(again.articles).toEqual(rss.articles)
    expect(again.categories).toEqual(rss.categories)
  })
})

describe('parseFeed: Atom 1.0', () => {
  const FESTIVAL = 'tag:tinlang.example.vn,2024:news-2001'
  const FAKES = 'https://tinlang.example.vn/?p=2002'
  const POETRY = 'tag:tinlang.example.vn,2024:news-2003'

  it('names the feed by its self link and reads all entries', () => {
    expect(atom.source.name).toBe('feed:https://tinlang.example.vn/van-hoa/atom.xml')
    expect(atom.articles.map((a) => a.sourceId)).toEqual([FESTIVAL, FAKES, POETRY])
    expect(atom.skipped).toEqual([])
  })

  it('reads text and html titles as text', () => {
    expect(atom.articles.map((a) => a.title)).toEqual([
      'Lễ hội Đền Mẫu thu hút hàng nghìn du khách',
      'Phát hiện hàng giả tại chợ & siêu thị',
      'Câu lạc bộ thơ Đường xã Tân Lập ra mắt',
    ])
  })

  it('reads xhtml, html and text content as HTML, the summary as lead', () => {
    const festival = pick(atom, FESTIVAL)
    expect(festival.bodyHtml).toBe(
      '<p>Sáng 12/5, <strong>lễ hội Đền Mẫu</strong> chính thức khai mạc.</p><p>Nghi thức rước kiệu &amp; dâng hương diễn ra trang trọng.</p><img src="https://tinlang.example.vn/uploads/news/2024_05/ruoc-kieu.jpg" alt="Rước kiệu"/>',
    )
    expect(festival.leadHtml).toBe(
      'Hàng nghìn người dự lễ hội &amp; rước kiệu &lt;truyền thống&gt;.',
    )
    const fakes = pick(atom, FAKES)
    expect(fakes.bodyHtml).toBe(
      '<p>Lực lượng quản lý thị trường thu giữ 500 sản phẩm.</p><script>alert(\'xss\')</script><iframe src="https://evil.example/"></iframe><a href="javascript:alert(1)">Xem thêm</a>',
    )
    expect(fakes.leadHtml).toBe('<p>Thu giữ <b>500</b> sản phẩm giả nhãn hiệu.</p>')
    expect(pick(atom, POETRY).bodyHtml).toBe(
      'CLB có 25 hội viên, sinh hoạt 2 lần/tháng &amp; giao lưu &lt;thơ&gt; với các xã bạn.',
    )
  })

  it('reads published, else updated (RFC 3339)', () => {
    expect(atom.articles.map((a) => iso(a.publishedAt))).toEqual([
      '2024-05-12T02:00:00.000Z',
      '2024-05-13T02:15:00.000Z',
      '2024-05-14T01:00:00.000Z',
    ])
  })

  it('takes the entry author, else the feed author', () => {
    expect(atom.articles.map((a) => a.author)).toEqual([
      'Thu Trang',
      'Tòa soạn Tin Làng',
      'Tòa soạn Tin Làng',
    ])
  })

  it('reads category terms, the enclosure link and media:thumbnail', () => {
    expect(atom.categories.map((c) => [c.sourceId, c.name])).toEqual([
      ['van-hoa', 'Văn hóa'],
      ['thi-truong', 'Thị trường'],
    ])
    expect(pick(atom, FESTIVAL).tags).toEqual(['Lễ hội', 'Du lịch'])
    expect(atom.articles.map((a) => a.cover?.src ?? null)).toEqual([
      'https://tinlang.example.vn/uploads/news/2024_05/le-hoi.jpg',
      null,
      '/uploads/news/2024_05/clb-tho.jpg',
    ])
  })

  it('keeps old addresses from the alternate link and an http id', () => {
    expect(pick(atom, FESTIVAL).oldPaths).toEqual(['/van-hoa/le-hoi-den-mau-2001.html'])
    expect(pick(atom, FAKES).oldPaths).toEqual(['/thi-truong/hang-gia-2002.html', '/?p=2002'])
  })
})

describe('parseFeed: refused input', () => {
  it('refuses what is neither RSS nor Atom', () => {
    expect(() => parseFeed('<html><body>Không phải feed</body></html>')).toThrow(
      /Not an RSS 2.0 or Atom feed/,
    )
  })

  it('refuses a feed cut short between two items', () => {
    expect(() => parseFeed(rssXml.slice(0, rssXml.lastIndexOf('<item>')))).toThrow(
      /cut short: no closing <\/rss>/,
    )
    expect(() => parseFeed(atomXml.replace('</feed>', ''))).toThrow(/no closing <\/feed>/)
  })

  it('refuses wide entity expansion', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${'x'.repeat(900)}">]>
<rss version="2.0"><channel><item><title>${'&a;'.repeat(5000)}</title></item></channel></rss>`
    expect(() => parseFeed(bomb)).toThrow(/limit exceeded/)
  })
})
