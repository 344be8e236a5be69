import { describe, expect, it } from 'vitest'
import { bodyImageKeys, renderMarkdown } from '../../src/lib/markdown'

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis and safe links', () => {
    const html = renderMarkdown('Đoạn một **đậm**.\n\nĐoạn [hai](https://example.vn/a?b=1&c=2).')
    expect(html).toContain('<p>Đoạn một <strong>đậm</strong>.</p>')
    expect(html).toContain(
      '<a href="https://example.vn/a?b=1&amp;c=2" rel="noopener nofollow">hai</a>',
    )
  })

  it('shows raw HTML as text', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\nChữ <img src=x onerror=alert(1)> chữ')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('drops unsafe link and image URLs but keeps their text', () => {
    const html = renderMarkdown(
      '[bấm](javascript:alert(1)) [x](JaVa\tScRiPt:alert(1)) ![ảnh](data:text/html;base64,AAAA) [ok](/bai-viet/a)',
    )
    expect(html).not.toMatch(/javascript:/i)
    expect(html).not.toContain('data:')
    expect(html).toContain('bấm')
    expect(html).toContain('ảnh')
    expect(html).toContain('<a href="/bai-viet/a">ok</a>')
  })

  it('reads the forms the article editor writes (angle-bracket addresses, escaped captions, tables) and lets nothing unsafe through them', () => {
    const figure = renderMarkdown(
      '![Ảnh \\[1\\]](</media/anh/2026/11/a.jpg> "Ảnh: \\"Hà Nội\\" <b>")',
    )
    expect(figure).toBe(
      '<figure class="body-image"><img src="/media/anh/2026/11/a.jpg" alt="Ảnh [1]" loading="lazy" decoding="async"><figcaption>Ảnh: &quot;Hà Nội&quot; &lt;b&gt;</figcaption></figure>\n',
    )
    const hostile = renderMarkdown(
      [
        '[một](<javascript:alert(1)>) [hai](&#106;avascript:alert(2)) [ba](<JaVa\tScRiPt:alert(3)>)',
        '',
        '![bốn](<data:image/svg+xml,<svg onload=alert(4)>> "c")',
        '',
        '| <script>alert(5)</script> | <img src=x onerror=alert(6)> |',
        '| --- | --- |',
        '| [bảy](vbscript:msgbox) | ![tám](x "onerror=alert(8)") |',
        '',
        '<style>body{display:none}</style>',
      ].join('\n'),
    )
    expect(hostile).toContain('<table>')
    // Every address left is one a browser reads as harmless ("&amp;#106;avascript:" is a
    // relative address named "&#106;avascript:", not a script).
    const urls = [...hostile.matchAll(/(?:href|src)="([^"]*)"/g)].map((m) => m[1]!)
    expect(
      urls.filter((u) => /^\s*(javascript|vbscript|data):/i.test(u.replace(/&amp;/g, '&'))),
    ).toEqual([])
    expect(hostile).not.toMatch(/(href|src)="(javascript|vbscript|data):/i)
    expect(hostile).not.toMatch(/<(script|style|svg|iframe)/i)
    // No element gets an event-handler attribute (a title holding the text is fine).
    expect(hostile).not.toMatch(/<[^>]*\son\w+\s*=/i)
    for (const text of ['một', 'hai', 'ba', 'bốn', 'bảy']) expect(hostile).toContain(text)
  })

  it('shows text after an inline <kbd>, <code>, <pre> or <script> as text too (marked passes it through as already escaped)', () => {
    for (const tag of ['kbd', 'code', 'pre', 'script', 'KBD']) {
      const html = renderMarkdown(
        `x <${tag}> <style/x>h1{color:red}</style/x> <a/href=//example.org/>Bấm</a/x> <img/src=x/onerror=alert(1)>\n\nĐoạn hai <${tag}> <meta http-equiv=refresh content=3;url=//example.org/> x`,
      )
      expect(html, tag).not.toMatch(/<(style|a|img|meta|script|kbd|code|pre)[\s/>]/i)
      expect(html, tag).toContain('&lt;meta http-equiv=refresh')
    }
    // Entities stay entities.
    expect(renderMarkdown('&amp; &copy; <kbd> &lt;')).toBe('<p>&amp; &copy; &lt;kbd&gt; &lt;</p>\n')
  })

  it('keeps a bare <br> (a new line inside a table cell, as the editor writes it) and nothing else', () => {
    const html = renderMarkdown(
      '| Xã | Ghi chú |\n| --- | --- |\n| Hà Hồi | Dòng một<br>Dòng hai<br/>ba |\n\n<br onclick=alert(1)> <br/x> <BR>',
    )
    expect(html).toContain('<td>Dòng một<br>Dòng hai<br>ba</td>')
    expect(html).toContain('&lt;br onclick=alert(1)&gt; &lt;br/x&gt; <br>')
  })

  it('stores Vietnamese as NFC', () => {
    expect(renderMarkdown('Thường Tín'.normalize('NFD'))).toBe('<p>Thường Tín</p>\n')
  })

  it('makes an image alone in its paragraph a figure with its caption', () => {
    const cases: [string, string][] = [
      [
        '![Lễ khai mạc](/media/anh/a.jpg "Quang cảnh <lễ> khai mạc")',
        '<figure class="body-image"><img src="/media/anh/a.jpg" alt="Lễ khai mạc" loading="lazy" decoding="async"><figcaption>Quang cảnh &lt;lễ&gt; khai mạc</figcaption></figure>\n',
      ],
      [
        '![Cầu](https://example.vn/c.jpg)\n*Ảnh: **Cầu** mới*',
        '<figure class="body-image"><img src="https://example.vn/c.jpg" alt="Cầu" loading="lazy" decoding="async"><figcaption>Ảnh: <strong>Cầu</strong> mới</figcaption></figure>\n',
      ],
      [
        '![Không chú thích](/media/anh/b.png)',
        '<figure class="body-image"><img src="/media/anh/b.png" alt="Không chú thích" loading="lazy" decoding="async"></figure>\n',
      ],
      // An image inside a sentence stays inline; an unsafe one keeps only its text.
      [
        'Trước ![ảnh](/media/anh/c.png) sau',
        '<p>Trước <img src="/media/anh/c.png" alt="ảnh" loading="lazy" decoding="async"> sau</p>\n',
      ],
      ['![ảnh xấu](javascript:alert(1) "x")', '<p>ảnh xấu</p>\n'],
      // Two images, or an image and plain text, are not one figure.
      [
        '![a](/media/a.png) ![b](/media/b.png)',
        '<p><img src="/media/a.png" alt="a" loading="lazy" decoding="async"> <img src="/media/b.png" alt="b" loading="lazy" decoding="async"></p>\n',
      ],
    ]
    for (const [md, html] of cases) expect(renderMarkdown(md), md).toBe(html)
  })

  it('gives uploaded images their real size and lists the uploads a body shows', () => {
    const md =
      '![a](/media/anh/x.jpg)\n\nChữ ![b](/media/anh/y.png) và ![a lần nữa](/media/anh/x.jpg) ![c](https://e.vn/c.jpg)'
    expect(bodyImageKeys(md)).toEqual(['anh/x.jpg', 'anh/y.png'])
    const html = renderMarkdown(md, new Map([['anh/x.jpg', { width: 1600, height: 900 }]]))
    expect(html).toContain(
      '<img src="/media/anh/x.jpg" alt="a" srcset="/media/anh/x.jpg.w320.webp 320w, /media/anh/x.jpg.w640.webp 640w, /media/anh/x.jpg.w960.webp 960w, /media/anh/x.jpg.w1280.webp 1280w, /media/anh/x.jpg 1600w" sizes="(min-width: 64rem) 62rem, calc(100vw - 2rem)" width="1600" height="900"',
    )
    expect(html).toContain('<img src="/media/anh/y.png" alt="b" loading=')
    expect(html).toContain('<img src="https://e.vn/c.jpg" alt="c" loading=')
  })
})
