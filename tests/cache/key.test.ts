import { describe, expect, it } from 'vitest'
import { cacheKey, storedKey } from '../../src/cache/key'
import { ASSETS_VERSION } from '../../src/generated/assets'

describe('cacheKey', () => {
  it('drops tracking parameters and sorts the rest', () => {
    expect(cacheKey('https://x.vn/?utm_source=fb&page=2&fbclid=abc')).toBe('https://x.vn/?page=2')
    expect(cacheKey('https://x.vn/tim-kiem?q=a&page=2')).toBe(
      cacheKey('https://x.vn/tim-kiem?page=2&q=a&gclid=1'),
    )
    expect(cacheKey('https://x.vn/bai-viet/a?UTM_Campaign=x#binh-luan')).toBe(
      'https://x.vn/bai-viet/a',
    )
  })

  it('keeps parameters that change the page, including repeated ones in a stable order', () => {
    expect(cacheKey('https://x.vn/?b=2&a=1&a=0')).toBe('https://x.vn/?a=0&a=1&b=2')
    expect(cacheKey('https://x.vn/tim-kiem?q=Th%C6%B0%E1%BB%9Dng')).toBe(
      'https://x.vn/tim-kiem?q=Th%C6%B0%E1%BB%9Dng',
    )
  })
})

describe('storedKey', () => {
  it('is the cache key plus the version of the browser files', () => {
    const stored = new URL(storedKey('https://x.vn/tim-kiem?utm_source=a&q=b'))
    expect(stored.searchParams.get('__assets')).toBe(ASSETS_VERSION)
    stored.searchParams.delete('__assets')
    expect(stored.toString()).toBe(cacheKey('https://x.vn/tim-kiem?q=b'))
  })
})
