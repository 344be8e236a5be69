import { describe, expect, it } from 'vitest'
import { MAX_PAGE, pageCount, parsePage } from '../../src/lib/pagination'
import { pageLinks } from '../../src/views/components/pagination'

describe('parsePage', () => {
  it('defaults to page 1', () => {
    expect(parsePage(undefined)).toBe(1)
  })
  it.each([
    ['1', 1],
    ['2', 2],
    [String(MAX_PAGE), MAX_PAGE],
  ])('accepts %s', (raw, page) => {
    expect(parsePage(raw)).toBe(page)
  })
  it.each(['', '0', '-1', '1.5', '01', 'abc', '2e3', ' 2', String(MAX_PAGE + 1), '9'.repeat(400)])(
    'rejects %j',
    (raw) => {
      expect(parsePage(raw)).toBeNull()
    },
  )
})

describe('pageCount', () => {
  it('counts partial pages and keeps page 1 for an empty list', () => {
    expect(pageCount(0)).toBe(1)
    expect(pageCount(20)).toBe(1)
    expect(pageCount(21)).toBe(2)
    expect(pageCount(47)).toBe(3)
  })
})

describe('pageLinks', () => {
  it('shows the ends and a window around the current page', () => {
    expect(pageLinks(1, 3)).toEqual([1, 2, 3])
    expect(pageLinks(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20])
    expect(pageLinks(1, 20)).toEqual([1, 2, 3, 'gap', 20])
  })
})
