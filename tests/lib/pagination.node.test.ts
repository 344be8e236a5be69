import { describe, expect, it } from 'vitest'
import { MAX_PAGE, parsePage } from '../../src/lib/pagination'
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

describe('pageLinks', () => {
  it('shows the first page, a window before the current one, and the next one if it exists', () => {
    expect(pageLinks(1, true)).toEqual([1, 2])
    expect(pageLinks(1, false)).toEqual([1])
    expect(pageLinks(3, false)).toEqual([1, 2, 3])
    expect(pageLinks(10, true)).toEqual([1, 'gap', 8, 9, 10, 11])
    expect(pageLinks(4, true)).toEqual([1, 2, 3, 4, 5])
  })
})
