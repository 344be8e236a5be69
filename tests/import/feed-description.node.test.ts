import { describe, expect, it } from 'vitest'
import { parseFeed } from '../../src/import/sources/feed'

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Tin</title><link>https://tin.example.vn/</link><description>Tin</description>
${items}
</channel></rss>`

const item = (id: string, inner: string) =>
  `<item><title>Bài ${id}</title><link>https://tin.example.vn/${id}.html</link><guid>https://tin.example.vn/${id}.html</guid><pubDate>Tue, 14 May 2024 08:30:00 +0700</pubDate>${inner}</item>`

const long = Array.from({ length: 3 }, (_, i) => `<p>Đoạn ${i + 1} của bài viết đầy đủ.</p>`).join(
  '',
)

describe('a feed item’s description', () => {
  it('is the lead when it reads as one and nothing else is there, else the body', () => {
    const { articles } = parseFeed(
      rss(
        [
          item(
            'tom-tat',
            '<description>Người dân có thể đăng ký thường trú trực tuyến.</description>',
          ),
          item('day-du', `<description><![CDATA[${long}]]></description>`),
          item(
            'co-anh',
            '<description><![CDATA[<img src="https://tin.example.vn/a.jpg"> Ảnh.]]></description>',
          ),
          item('dai', `<description>${'Chữ '.repeat(300)}</description>`),
          item(
            'ca-hai',
            `<description>Tóm tắt.</description><content:encoded><![CDATA[${long}]]></content:encoded>`,
          ),
        ].join('\n'),
      ),
    )
    const byId = new Map(articles.map((a) => [a.sourceId, a]))
    const of = (id: string) => {
      const a = [...byId.values()].find((x) => x.oldPaths.some((p) => p.includes(id)))!
      return { lead: a.leadHtml, body: a.bodyHtml }
    }
    expect(of('tom-tat')).toEqual({
      lead: 'Người dân có thể đăng ký thường trú trực tuyến.',
      body: '',
    })
    expect(of('day-du')).toEqual({ lead: '', body: long })
    expect(of('co-anh').lead).toBe('')
    expect(of('dai').lead).toBe('')
    expect(of('ca-hai')).toEqual({ lead: 'Tóm tắt.', body: long })
  })
})
