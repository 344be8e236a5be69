import { describe, expect, it } from 'vitest'
import { canonicalUrl } from '../../src/cache/canonical'
import { storedKey } from '../../src/cache/key'
import { ASSETS_VERSION } from '../../src/generated/assets'

const canonical = (url: string) => canonicalUrl(url)?.toString() ?? null

describe('canonicalUrl', () => {
  it('drops tracking and unknown parameters', () => {
    expect(canonical('https://x.vn/?utm_source=fb&page=2&fbclid=abc')).toBe('https://x.vn/?page=2')
    expect(canonical('https://x.vn/bai-viet/a?ref=zalo&UTM_Campaign=x#binh-luan')).toBe(
      'https://x.vn/bai-viet/a',
    )
    expect(canonical('https://x.vn/chuyen-muc/kinh-te?d1b=1&x=2')).toBe(
      'https://x.vn/chuyen-muc/kinh-te',
    )
  })

  it('keeps the first of repeated parameters, so the key and the page agree', () => {
    expect(canonical('https://x.vn/?page=3&page=2')).toBe('https://x.vn/?page=3')
    expect(canonical('https://x.vn/?page=2&page=3')).toBe('https://x.vn/?page=2')
  })

  it('lists parameters in one order and drops invalid or default values', () => {
    expect(canonical('https://x.vn/tim-kiem?page=2&q=a')).toBe('https://x.vn/tim-kiem?q=a&page=2')
    expect(canonical('https://x.vn/?page=1')).toBe('https://x.vn/')
    expect(canonical('https://x.vn/?page=abc')).toBe('https://x.vn/')
    expect(canonical('https://x.vn/bai-viet/a?binh-luan=cho-duyet')).toBe(
      'https://x.vn/bai-viet/a?binh-luan=cho-duyet',
    )
    expect(canonical('https://x.vn/bai-viet/a?binh-luan=xyz')).toBe('https://x.vn/bai-viet/a')
  })

  it('cleans the search text as the search page does (NFC, spaces)', () => {
    expect(canonical('https://x.vn/tim-kiem?q=%20Thu%CC%9Bo%CC%9B%CC%80ng%20%20ti%CC%81n%20')).toBe(
      `https://x.vn/tim-kiem?q=${encodeURIComponent('Thường tín').replace('%20', '+')}`,
    )
    expect(canonical('https://x.vn/tim-kiem?q=%20%20')).toBe('https://x.vn/tim-kiem')
  })

  it('settles a long search text in one step, even when the cut lands before a space', () => {
    const long = `https://x.vn/tim-kiem?q=${'a'.repeat(399)}+b`
    const once = canonical(long)!
    expect(canonical(once)).toBe(once)
    expect(new URL(once).searchParams.get('q')).toBe('a'.repeat(399))
  })

  it('decodes, lower-cases and trims the path', () => {
    expect(canonical('https://x.vn/bai-viet/%74hu-tuc')).toBe('https://x.vn/bai-viet/thu-tuc')
    expect(canonical('https://x.vn/bai-viet/Thu-Tuc/')).toBe('https://x.vn/bai-viet/thu-tuc')
    expect(canonical('https://x.vn/chuyen-muc/kinh-te/rss.xml')).toBe(
      'https://x.vn/chuyen-muc/kinh-te/rss.xml',
    )
  })

  it('is null for what is not a public page', () => {
    for (const path of ['/admin', '/api/captcha', '/media/a.png', '/bai-viet/%E0%A4%A', '/x/y'])
      expect(canonical(`https://x.vn${path}`)).toBeNull()
  })
})

describe('storedKey', () => {
  it('is the canonical URL plus the version of the browser files', () => {
    const stored = new URL(storedKey('https://x.vn/tim-kiem?utm_source=a&q=b'))
    expect(stored.searchParams.get('__assets')).toBe(ASSETS_VERSION)
    stored.searchParams.delete('__assets')
    expect(stored.toString()).toBe('https://x.vn/tim-kiem?q=b')
  })
})
