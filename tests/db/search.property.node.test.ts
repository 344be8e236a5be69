import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { indexText, queryTerms } from '../../src/db/search'
import { slugify } from '../../src/lib/slug'
import { anyString, markedLetter } from '../arbitraries'

/** Words as [plain, marked] with any vowel and tone marks, joined by FTS5-looking syntax. */
const markedQuery = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: markedLetter },
      fc
        .constantFrom(' ', '"', '*', ' NEAR(', ')', '-', ':', '^', "'", '2020', 'Đ', 'đ')
        .map((s) => [s.replace(/[đĐ]/g, 'd'), s] as const),
    ),
    { maxLength: 80 },
  )
  .map((parts) => [parts.map((p) => p[0]).join(''), parts.map((p) => p[1]).join('')] as const)

const runs = { numRuns: 300 }

describe('queryTerms (properties)', () => {
  it('never throws and gives at most 20 plain lower-case ASCII words, safe to quote for FTS5', () => {
    fc.assert(
      fc.property(anyString, (q) => {
        const terms = queryTerms(q)
        expect(terms.length).toBeLessThanOrEqual(20)
        for (const t of terms) expect(t).toMatch(/^[a-z0-9]+$/)
      }),
      runs,
    )
  })

  it('gives the same words with or without tone marks, đ, upper case, NFC or NFD', () => {
    fc.assert(
      fc.property(markedQuery, ([plain, marked]) => {
        const expected = queryTerms(plain)
        expect(queryTerms(marked)).toEqual(expected)
        expect(queryTerms(marked.normalize('NFC'))).toEqual(expected)
        expect(queryTerms(marked.normalize('NFD'))).toEqual(expected)
        expect(queryTerms(marked.toUpperCase())).toEqual(expected)
      }),
      runs,
    )
  })

  it('finds the same words a slug is made of (both fold the same way)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          markedQuery.map(([, m]) => m),
        ),
        (q) => {
          const terms = queryTerms(q)
          const words = slugify(q, Infinity).split('-').filter(Boolean)
          expect(terms).toEqual(words.slice(0, 20))
        },
      ),
      runs,
    )
  })

  it('is stable: searching for the words found gives the same words', () => {
    fc.assert(
      fc.property(anyString, (q) => {
        const terms = queryTerms(q)
        expect(queryTerms(terms.join(' '))).toEqual(terms)
      }),
      runs,
    )
  })
})

describe('indexText (properties)', () => {
  it('removes every đ/Đ and look-alike, and changes nothing else but the normal form (NFC)', () => {
    const D = new Map<string, string>([...'đðɖ'].map((c) => [c, 'd']))
    for (const c of 'ĐÐƉ') D.set(c, 'D')
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          fc.string({ unit: fc.constantFrom('đ', 'Đ', 'Ð', 'ð', 'Ɖ', 'ɖ', 'd', 'D', 'ư', ' ') }),
        ),
        (s) => {
          const indexed = indexText(s)
          const nfc = s.normalize('NFC')
          expect(indexed).not.toMatch(/[đĐðÐɖƉ]/)
          expect(indexed.length).toBe(nfc.length)
          for (let i = 0; i < nfc.length; i++) expect(indexed[i]).toBe(D.get(nfc[i]!) ?? nfc[i])
        },
      ),
      runs,
    )
  })
})
