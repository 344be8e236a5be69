import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/lib/markdown'

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

  it('stores Vietnamese as NFC', () => {
    expect(renderMarkdown('Thường Tín'.normalize('NFD'))).toBe('<p>Thường Tín</p>\n')
  })
})
