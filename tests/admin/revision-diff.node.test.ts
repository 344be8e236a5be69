import { describe, expect, it } from 'vitest'
import { DIFF_BUDGET, revisionDiff } from '../../src/admin/revision-diff'
import type { RevisionSnapshot } from '../../src/db/revisions'

const base: RevisionSnapshot = {
  title: 'Tiêu đề',
  slug: 'tieu-de',
  lead: 'Tóm tắt.',
  body: '',
  author: 'Phóng viên',
  source: 'HNP',
  categoryId: 1,
  status: 'draft',
  publishedAt: null,
  coverImage: null,
  coverAlt: '',
  commentsEnabled: true,
}

const lines = (n: number, make: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => make(i)).join('\n')

const bodyDiff = (a: string, b: string) =>
  revisionDiff({ ...base, body: a }, { ...base, body: b }).find((d) => d.field === 'body')!.parts

describe('revision diff within a bound', () => {
  it('shows a few changed lines of a 4,000-line body run by run', () => {
    const a = lines(4000, (i) => `Dòng thứ ${i} của bài viết.`)
    const b = a.replace('Dòng thứ 2000 của bài viết.', 'Dòng thứ 2000 đã sửa.')
    const parts = bodyDiff(a, b)
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual([
      'Dòng thứ 2000 của bài viết.\n',
    ])
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual([
      'Dòng thứ 2000 đã sửa.\n',
    ])
  })

  it('shows two bodies that differ everywhere as replaced whole, past the budget', () => {
    // 16,000 lines with no line in common: Myers would look for 16,000 edits.
    const a = lines(8000, (i) => `a${i}`)
    const b = lines(8000, (i) => `b${i}`)
    expect(bodyDiff(a, b)).toEqual([
      { text: a, kind: 'removed' },
      { text: b, kind: 'added' },
    ])
  })

  it('gives up on every other line changed in a long body, but not in a short one', () => {
    const a = lines(8000, (i) => `Dòng ${i}`)
    const b = lines(8000, (i) => (i % 2 ? `Dòng ${i} sửa` : `Dòng ${i}`))
    // 8,000 edits over 16,000 lines is past the budget (4,000,000 / 16,000 = 250 edits).
    expect(DIFF_BUDGET / 16_000).toBe(250)
    expect(bodyDiff(a, b)).toHaveLength(2)
    const shortA = lines(200, (i) => `Dòng ${i}`)
    const shortB = lines(200, (i) => (i % 2 ? `Dòng ${i} sửa` : `Dòng ${i}`))
    expect(bodyDiff(shortA, shortB).length).toBeGreaterThan(100)
  })

  it('bounds word diffs of the other fields too', () => {
    const a = Array.from({ length: 500 }, (_, i) => `x${i}`).join(' ')
    const b = Array.from({ length: 500 }, (_, i) => `y${i}`).join(' ')
    const lead = revisionDiff({ ...base, lead: a }, { ...base, lead: b }).find(
      (d) => d.field === 'lead',
    )!.parts
    expect(lead).toEqual([
      { text: a, kind: 'removed' },
      { text: b, kind: 'added' },
    ])
    // A short edit of a title stays word by word.
    const title = revisionDiff(base, { ...base, title: 'Tiêu đề mới' }).find(
      (d) => d.field === 'title',
    )!.parts
    expect(title).toEqual([
      { text: 'Tiêu đề', kind: 'same' },
      { text: ' mới', kind: 'added' },
    ])
  })
})
