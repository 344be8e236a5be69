import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cleanText, isBlank, textLength } from '../../src/lib/text'

/** Characters cleanText promises to remove: C0/C1 controls other than tab and newline, bidi overrides and isolates. */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const utf16Unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
)
/** Text a hostile or careless reader could send: Vietnamese in NFD, controls, bidi, CR/LF. */
const trickyUnit = fc.constantFrom(
  'a',
  'e',
  'o',
  'u',
  'Đ',
  'ư',
  'ệ',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u00a0',
  '\u3000',
  '\u0300',
  '\u0301',
  '\u0302',
  '\u0303',
  '\u0309',
  '\u0323',
  '\u031b',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ud83d',
  '\udc4d',
  '\ud83d\udc4d',
  '\u1100',
  '\u1161',
)
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: utf16Unit }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: trickyUnit, maxLength: 40 }),
)

const runs = { numRuns: 500 }

describe('cleanText (properties)', () => {
  it.each([false, true])(
    'gives NFC text without controls, bidi overrides, lone surrogates or CR (multiline: %s)',
    (multiline) => {
      fc.assert(
        fc.property(anyText, (input) => {
          const out = cleanText(input, { multiline })
          expect(out.normalize('NFC')).toBe(out)
          expect(out).not.toMatch(FORBIDDEN)
          expect(out).not.toMatch(LONE_SURROGATE)
          expect(out).not.toContain('\r')
          expect(out).toBe(out.trim())
          if (!multiline) expect(out).not.toMatch(/[\t\n]|\s\s/)
        }),
        runs,
      )
    },
  )

  it.each([false, true])('is idempotent (multiline: %s)', (multiline) => {
    fc.assert(
      fc.property(anyText, (input) => {
        const once = cleanText(input, { multiline })
        expect(cleanText(once, { multiline })).toBe(once)
      }),
      runs,
    )
  })

  it('gives the same text for NFC and NFD input', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (input, multiline) => {
        expect(cleanText(input.normalize('NFD'), { multiline })).toBe(
          cleanText(input.normalize('NFC'), { multiline }),
        )
      }),
      runs,
    )
  })

  it('changes nothing in text that is already clean', () => {
    const cleanUnit = fc.constantFrom('Thường', 'Tín', 'đ', 'Ư', '2020', '👍', '!', '“', '”', ' ')
    fc.assert(
      fc.property(fc.array(cleanUnit, { maxLength: 30 }), (parts) => {
        const text = parts.join('').replace(/ +/g, ' ').trim()
        expect(cleanText(text)).toBe(text)
        expect(cleanText(text, { multiline: true })).toBe(text)
      }),
      runs,
    )
  })
})

describe('textLength (properties)', () => {
  it('counts each code point once, astral ones included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), (chars) => {
        expect(textLength(chars.join(''))).toBe(chars.length)
      }),
      runs,
    )
  })

  it('lies between half the UTF-16 length and the UTF-16 length, and adds up', () => {
    fc.assert(
      fc.property(anyText, fc.string({ unit: 'binary' }), (a, b) => {
        const n = textLength(a)
        expect(n).toBeLessThanOrEqual(a.length)
        expect(n * 2).toBeGreaterThanOrEqual(a.length)
        // Well-formed text (no lone surrogates) can be split anywhere between code points.
        const wellFormed = cleanText(a, { multiline: true })
        expect(textLength(wellFormed + b)).toBe(textLength(wellFormed) + textLength(b))
      }),
      runs,
    )
  })
})

describe('isBlank', () => {
  it.each([
    ['', true],
    [' \t\n\r', true],
    ['\u00A0\u2007\u202F\u3000', true],
    ['\u200B\u200C\u200D\u2060', true],
    ['\uFEFF\u200E\u200F\u061C', true],
    ['\u115F\u1160\u3164\uFFA0', true],
    ['\u2800', true],
    ['\u0301\u034F\uFE0F', true],
    ['\u0000\u001F', true],
    ['a', false],
    ['á', false],
    ['a\u0301', false],
    ['\u200Bđ\u200B', false],
    ['0', false],
    ['😀', false],
    ['.', false],
  ])('%j → %s', (text, blank) => {
    expect(isBlank(text)).toBe(blank)
  })
})
