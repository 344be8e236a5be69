import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { foldVietnamese, isSlug, slugify, SLUG_MAX_LENGTH } from '../../src/lib/slug'
import { anyString, markedLetter } from '../arbitraries'

const SLUG_SHAPE = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A sentence of Vietnamese-like words with separators, as [plain, marked]. */
const markedText = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: markedLetter },
      fc
        .constantFrom(' ', ', ', ' - ', '0', '7', '2020', '!', '“', '”')
        .map((s) => [s, s] as const),
    ),
    { maxLength: 60 },
  )
  .map((parts) => [parts.map((p) => p[0]).join(''), parts.map((p) => p[1]).join('')] as const)

/** A string made of Vietnamese letters (precomposed, either case), digits and punctuation. */
const vietnameseText = fc.string({
  unit: fc.constantFrom(
    ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ'.split(
      '',
    ),
    ...'ĂÂĐÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ'.split(''),
    ...'ABCDEGHIKLMNOPQRSTUVXY0123456789 -_.,:;!?/()“”–…'.split(''),
  ),
  maxLength: 80,
})

const runs = { numRuns: 300 }

describe('foldVietnamese (properties)', () => {
  it('never throws, whatever the string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(typeof foldVietnamese(s)).toBe('string')
      }),
      runs,
    )
  })

  it('leaves no combining mark in U+0300–U+036F and no đ/Đ', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(foldVietnamese(s)).not.toMatch(/[\u0300-\u036fđĐ]/)
      }),
      runs,
    )
  })

  it('folds any tone and vowel marks on a letter to the unmarked letter, NFC or NFD', () => {
    fc.assert(
      fc.property(markedText, ([plain, marked]) => {
        const expected = plain.toLowerCase()
        expect(foldVietnamese(marked)).toBe(expected)
        expect(foldVietnamese(marked.normalize('NFC'))).toBe(expected)
        expect(foldVietnamese(marked.normalize('NFD'))).toBe(expected)
      }),
      runs,
    )
  })

  it('turns Vietnamese text into lower-case ASCII', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const folded = foldVietnamese(s)
        expect(folded).toMatch(/^[\x20-\x7e“”–…]*$/)
        expect(folded).not.toMatch(/[A-Z]/)
      }),
      runs,
    )
  })

  it('maps đ and Đ to d: replacing any d by đ or Đ changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.constantFrom('d', 'D', 'đ', 'Đ'), fc.constantFrom('a', 'ư', ' ', 'ộ')),
        ),
        (parts) => {
          const withPlainD = parts.map((p) => (p === 'đ' || p === 'Đ' ? 'd' : p)).join('')
          expect(foldVietnamese(parts.join(''))).toBe(foldVietnamese(withPlainD))
        },
      ),
      runs,
    )
  })

  it('only lower-cases plain ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        const ascii = s.replace(/[^\x00-\x7f]/g, '')
        expect(foldVietnamese(ascii)).toBe(ascii.toLowerCase())
      }),
      runs,
    )
  })

  it('is idempotent and gives the same result for NFC and NFD input', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const folded = foldVietnamese(s)
        expect(foldVietnamese(folded)).toBe(folded)
        expect(foldVietnamese(s.normalize('NFC'))).toBe(folded)
        expect(foldVietnamese(s.normalize('NFD'))).toBe(folded)
      }),
      runs,
    )
  })
})

describe('slugify (properties)', () => {
  it('gives a kebab-case ASCII slug or the empty string, never longer than the limit', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, vietnameseText), (s) => {
        const slug = slugify(s)
        expect(slug === '' || SLUG_SHAPE.test(slug)).toBe(true)
        expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
        expect(isSlug(slug)).toBe(slug !== '')
      }),
      runs,
    )
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, vietnameseText), fc.integer({ min: 1, max: 120 }), (s, n) => {
        const slug = slugify(s, n)
        expect(slugify(slug, n)).toBe(slug)
        expect(slugify(slugify(s))).toBe(slugify(s))
      }),
      runs,
    )
  })

  it('gives the same slug for NFC and NFD input', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, vietnameseText), (s) => {
        expect(slugify(s.normalize('NFD'))).toBe(slugify(s.normalize('NFC')))
      }),
      runs,
    )
  })

  it('ignores letter case', () => {
    fc.assert(
      fc.property(vietnameseText, (s) => {
        const slug = slugify(s)
        expect(slugify(s.toUpperCase())).toBe(slug)
        expect(slugify(s.toLowerCase())).toBe(slug)
      }),
      runs,
    )
  })

  it('ignores tone and vowel marks', () => {
    fc.assert(
      fc.property(markedText, ([plain, marked]) => {
        expect(slugify(marked)).toBe(slugify(plain))
        expect(slugify(marked.normalize('NFC'))).toBe(slugify(plain))
      }),
      runs,
    )
  })

  it('leaves every slug-shaped string of allowed length as it is', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,12}$/), (s) => {
        expect(isSlug(s)).toBe(s.length <= SLUG_MAX_LENGTH)
        if (isSlug(s)) expect(slugify(s)).toBe(s)
      }),
      runs,
    )
  })

  it('shortens by cutting a prefix at a word boundary (or inside a single overlong word)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          vietnameseText,
          fc.string({ unit: fc.constantFrom('a', 'b', '1', ' '), maxLength: 200 }),
        ),
        fc.integer({ min: 1, max: 60 }),
        (s, n) => {
          const full = slugify(s, Infinity)
          const cut = slugify(s, n)
          expect(cut.length).toBeLessThanOrEqual(n)
          expect(full.startsWith(cut)).toBe(true)
          if (full.length <= n) expect(cut).toBe(full)
          else {
            expect(cut).not.toBe('')
            const atWordBoundary = full[cut.length] === '-'
            const firstWordTooLong = !cut.includes('-') && cut.length === n
            expect(atWordBoundary || firstWordTooLong).toBe(true)
          }
        },
      ),
      runs,
    )
  })
})
