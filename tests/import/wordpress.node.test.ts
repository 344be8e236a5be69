import { describe, expect, it } from 'vitest'
import { parseWordPress } from '../../src/import/sources/wordpress'
import type { ImportArticle } from '../../src/import/types'
import xml from '../fixtures/import/wordpress/export.xml?raw'

const bundle = parseWordPress(xml)
const article = (id: string): ImportArticle => {
  const found = bundle.articles.find((a) => a.sourceId === id)
  if (!found) throw new Error(`no article ${id}`)
  return found
}
const iso = (d: Date | null) => d?.toISOString() ?? null

/** A small WXR around one post, for the cases the fixture cannot hold. */
const wxr = (doctype: string, title: string) => `<?xml version="1.0" encoding="UTF-8" ?>${doctype}
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:base_site_url>https://a.example.vn</wp:base_site_url>
<item><title>${title}</title><wp:post_id>1</wp:post_id>
<wp:post_type><![CDATA[post]]></wp:post_type><wp:status><![CDATA[publish]]></wp:status></item>
</channel></rss>`

describe('parseWordPress: the WordPress 6 fixture', () => {
  it('reads every kind of record, and only posts as articles', () => {
    expect(bundle.source.kind).toBe('wordpress')
    expect(bundle.source.name).toBe('wordpress:https://example-district.vn')
    expect(bundle.categories).toHaveLength(3)
    expect(bundle.articles.map((a) => a.sourceId)).toEqual([
      '12',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
    ])
    expect(bundle.comments.map((c) => c.sourceId)).toEqual(['101', '102', '103', '105', '106'])
  })

  it('reports pages, trashed posts, pingbacks and the comments of skipped posts', () => {
    expect(bundle.skipped).toEqual([
      { kind: 'comment', sourceId: '104', reason: 'pingback' },
      { kind: 'article', sourceId: '21', reason: 'page (not an article)' },
      { kind: 'comment', sourceId: '107', reason: 'page (not an article)' },
      { kind: 'article', sourceId: '22', reason: 'trashed' },
      { kind: 'comment', sourceId: '108', reason: 'trashed' },
    ])
  })

  it('reads categories in file order with parents, decoded names and old addresses', () => {
    expect(bundle.categories).toEqual([
      {
        sourceId: 'tin-tuc',
        name: 'Tin tức',
        alias: 'tin-tuc',
        parentId: null,
        position: 1,
        oldPaths: ['/?cat=2', '/category/tin-tuc'],
      },
      {
        sourceId: 'thoi-su',
        name: 'Thời sự',
        alias: 'thoi-su',
        parentId: 'tin-tuc',
        position: 2,
        oldPaths: ['/?cat=3', '/category/thoi-su', '/category/tin-tuc/thoi-su'],
      },
      {
        sourceId: 'van-hoa-xa-hoi',
        name: 'Văn hóa & Xã hội',
        alias: 'van-hoa-xa-hoi',
        parentId: null,
        position: 3,
        oldPaths: ['/?cat=4', '/category/van-hoa-xa-hoi'],
      },
    ])
  })

  it('gives titles as NFC text: entities decoded once, tags dropped, escaped markup kept as text', () => {
    const nfd = 'Tăng cường phòng, chống dịch sốt xuất huyết'.normalize('NFD')
    expect(xml).toContain(nfd)
    expect(Object.fromEntries(bundle.articles.map((a) => [a.sourceId, a.title]))).toEqual({
      '12': 'Hội nghị tổng kết năm 2023 & triển khai nhiệm vụ năm 2024',
      '14': 'Cảnh báo thủ đoạn lừa đảo “cài app dịch vụ công” <script>alert(1)</script>',
      '15': 'Tăng cường phòng, chống dịch sốt xuất huyết'.normalize('NFC'),
      '16': 'Thông báo lịch tiếp công dân tháng 5',
      '17': 'Thông báo lịch tiếp công dân tháng 6',
      '18': 'Dự thảo: Kế hoạch tổ chức Lễ hội Đền Mẫu 2024',
      '19': 'Chương trình ‘Mỗi xã một sản phẩm’ giai đoạn 2030',
      '20': 'Lịch cắt điện tháng 3 trên địa bàn huyện',
    })
    expect(article('15').title).not.toBe(nfd)
  })

  it('decodes a pre-5.7 title, escaped without CDATA, once through the XML parser', () => {
    const old = parseWordPress(wxr('', 'A &amp; B&#8217;s &lt;script&gt;x&lt;/script&gt;'))
    expect(old.articles[0]?.title).toBe('A & B’s <script>x</script>')
  })

  it('keeps aliases, duplicates included, percent-decoded', () => {
    expect(article('16').alias).toBe('thong-bao-lich-tiep-cong-dan')
    expect(article('17').alias).toBe('thong-bao-lich-tiep-cong-dan')
    expect(article('18').alias).toBe('')
    expect(article('20').alias).toBe('lịch-cắt-điện-tháng-3')
  })

  it('maps statuses: publish and future published, draft kept as draft', () => {
    expect(bundle.articles.map((a) => [a.sourceId, a.status])).toEqual([
      ['12', 'published'],
      ['14', 'published'],
      ['15', 'published'],
      ['16', 'published'],
      ['17', 'published'],
      ['18', 'draft'],
      ['19', 'published'],
      ['20', 'published'],
    ])
  })

  it('reads post_date_gmt as UTC, else post_date as Vietnamese time, else keeps the raw text', () => {
    // post_date 09:30 +07:00 and post_date_gmt 02:30: the GMT column wins.
    expect(iso(article('12').publishedAt)).toBe('2024-05-11T02:30:00.000Z')
    // post_date_gmt 0000-00-00 00:00:00: post_date 08:00 read at +07:00.
    expect(iso(article('15').publishedAt)).toBe('2024-05-20T01:00:00.000Z')
    expect(article('15').rawDate).toBe('2024-05-20 08:00:00')
    expect(iso(article('18').publishedAt)).toBe('2024-05-25T03:00:00.000Z')
    // Scheduled (future) post.
    expect(iso(article('19').publishedAt)).toBe('2030-01-01T00:00:00.000Z')
    // 30 February does not exist.
    expect(article('20').publishedAt).toBeNull()
    expect(article('20').rawDate).toBe('2024-02-30 08:15:00')
  })

  it('maps logins to display names, keeping an unknown login', () => {
    expect(article('12').author).toBe('Ban Biên tập')
    expect(article('14').author).toBe('Nguyễn Thị Hương')
    expect(article('15').author).toBe('ctv_cu')
  })

  it('takes the first category, tags by name, views and comment status', () => {
    expect(article('12').categoryId).toBe('thoi-su')
    expect(article('14').categoryId).toBe('van-hoa-xa-hoi')
    // A category the export does not list is left for the importer's default.
    expect(article('20').categoryId).toBeNull()
    expect(article('12').tags).toEqual(['Nông thôn mới', 'Chuyển đổi số'])
    expect(article('19').tags).toEqual(['Nông thôn mới'])
    expect(article('15').tags).toEqual([])
    expect(article('12').views).toBe(1523)
    expect(article('16').views).toBe(87)
    expect(article('14').views).toBe(0)
    expect(article('12').commentsEnabled).toBe(true)
    expect(article('14').commentsEnabled).toBe(false)
  })

  it('finds the featured image through _thumbnail_id and the PDF attached to the post', () => {
    expect(article('12').cover).toEqual({
      src: 'https://example-district.vn/wp-content/uploads/2024/05/anh-dai-dien.jpg',
      alt: 'Toàn cảnh hội nghị tổng kết năm 2023',
    })
    expect(article('12').attachments).toEqual([
      'https://example-district.vn/wp-content/uploads/2024/05/ke-hoach-2024.pdf',
    ])
    expect(article('14').cover).toBeNull()
    expect(article('14').attachments).toEqual([])
  })

  it('keeps lead and body as stored, hostile markup included, split CDATA joined', () => {
    expect(article('12').leadHtml).toBe(
      'Hội nghị đánh giá kết quả năm 2023, đề ra 12 chỉ tiêu cho năm 2024.',
    )
    expect(article('12').bodyHtml).toMatch(/^<!-- wp:paragraph -->\n<p>Sáng ngày 11\/5/)
    expect(article('12').bodyHtml).toContain('class="wp-image-13"')
    const hostile = article('14').bodyHtml
    expect(hostile).toContain("<script>alert('xss')</script>")
    expect(hostile).toContain('<code>a]]>b</code>')
    expect(hostile.endsWith('<div><p>Đoạn cuối chưa đóng thẻ')).toBe(true)
  })

  it('lists old addresses: ?p=, the permalink (any host, decoded) and a different guid', () => {
    expect(article('12').oldPaths).toEqual(['/?p=12', '/2024/05/11/hoi-nghi-tong-ket-nam-2023'])
    expect(article('18').oldPaths).toEqual(['/?p=18'])
    expect(article('20').oldPaths).toEqual(['/?p=20', '/2024/02/30/lịch-cắt-điện-tháng-3'])
  })

  it('reads comments: statuses, GMT or local times, e-mail, no phone field', () => {
    expect(bundle.comments.map((c) => [c.sourceId, c.articleId, c.status])).toEqual([
      ['101', '12', 'approved'],
      ['102', '12', 'pending'],
      ['103', '12', 'rejected'],
      ['105', '12', 'rejected'],
      ['106', '15', 'approved'],
    ])
    const [first] = bundle.comments
    expect(first).toEqual({
      sourceId: '101',
      articleId: '12',
      name: 'Trần Văn Nam',
      email: 'nam.tran@example.com',
      phone: '',
      title: '',
      content: 'Đề nghị huyện sớm sửa đường liên xã. Liên hệ tôi: 0912 345 678.',
      status: 'approved',
      createdAt: new Date('2024-05-11T03:02:33Z'),
      rawDate: '2024-05-11 03:02:33',
    })
    const local = bundle.comments.find((c) => c.sourceId === '106')
    expect(iso(local?.createdAt ?? null)).toBe('2024-05-20T13:15:00.000Z')
  })

  it('names uploads below /wp-content/uploads/ on any host or none, and nothing else', () => {
    const { uploadPath } = bundle.source
    expect(uploadPath('https://example-district.vn/wp-content/uploads/2024/05/anh-1.jpg')).toBe(
      '2024/05/anh-1.jpg',
    )
    expect(uploadPath('/wp-content/uploads/2024/05/anh-khong-ton-tai.jpg')).toBe(
      '2024/05/anh-khong-ton-tai.jpg',
    )
    expect(uploadPath('http://cdn.example.net/site/wp-content/uploads/2023/01/x.png?ver=2')).toBe(
      '2023/01/x.png',
    )
    expect(
      uploadPath('//example-district.vn/wp-content/uploads/2024/05/%E1%BA%A3nh%20m%E1%BB%9Bi.jpg'),
    ).toBe('2024/05/ảnh mới.jpg')
    expect(uploadPath('https://example-district.vn/images/logo.png')).toBeNull()
    expect(uploadPath('data:image/png;base64,AAAA')).toBeNull()
    expect(uploadPath('file:///wp-content/uploads/2024/05/anh-1.jpg')).toBeNull()
    expect(uploadPath('/wp-content/uploads/2024/..%2F..%2F..%2Fwrangler.toml')).toBeNull()
    expect(uploadPath('/wp-content/uploads/')).toBeNull()
  })

  it('is stable: the same export gives the same records', () => {
    const again = parseWordPress(xml)
    expect(again.source.name).toBe(bundle.source.name)
    expect(again.articles).toEqual(bundle.articles)
    expect(again.categories).toEqual(bundle.categories)
    expect(again.comments).toEqual(bundle.comments)
  })
})

describe('parseWordPress: hostile files', () => {
  it('does not expand nested ("billion laughs") entities', () => {
    const levels = ['<!ENTITY lol0 "lol">']
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`)
    const parsed = parseWordPress(wxr(`<!DOCTYPE rss [${levels.join('')}]>`, '&lol9;'))
    expect(parsed.articles[0]?.title).toBe('&lol9;')
  })

  it('refuses wide expansion, too many entities and external entities', () => {
    const wide = wxr(`<!DOCTYPE rss [<!ENTITY a "${'x'.repeat(900)}">]>`, '&a;'.repeat(5000))
    expect(() => parseWordPress(wide)).toThrow(/limit exceeded/)
    const names = Array.from({ length: 50 }, (_, i) => `<!ENTITY e${i} "x">`).join('')
    expect(() => parseWordPress(wxr(`<!DOCTYPE rss [${names}]>`, 'x'))).toThrow(/Entity count/)
    const xxe = wxr('<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '&x;')
    expect(() => parseWordPress(xxe)).toThrow(/External entities/)
  })

  it('still reads a small declared entity', () => {
    const parsed = parseWordPress(wxr('<!DOCTYPE rss [<!ENTITY h "Mẫu Sơn">]>', 'Huyện &h;'))
    expect(parsed.articles[0]?.title).toBe('Huyện Mẫu Sơn')
  })

  it('refuses an export cut short between two items', () => {
    const end =
      xml.indexOf('</item>', xml.indexOf('<wp:post_id>17</wp:post_id>')) + '</item>'.length
    expect(() => parseWordPress(xml.slice(0, end))).toThrow(/cut short/)
    expect(() => parseWordPress(xml.slice(0, xml.length / 2))).toThrow(Error)
  })

  it('refuses a file that is not a WXR export', () => {
    expect(() => parseWordPress('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toThrow(
      /Not a WordPress export/,
    )
  })
})
