/** fast-check generators shared by the property tests. */
import fc from 'fast-check'

/** Any UTF-16 code unit, lone surrogates included (fast-check's own units never emit those). */
export const utf16Unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
)

/** Any string: bytes, arbitrary UTF-16 (broken surrogate pairs too) or whole graphemes. */
export const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: utf16Unit }),
  fc.string({ unit: 'grapheme' }),
)

// The Vietnamese alphabet spelled with plain base letters, and the combining marks Vietnamese
// puts on them: the vowel marks (breve ă, circumflex â ê ô, horn ơ ư) and the five tone marks.
export const BASE_LETTERS = 'abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY'.split('')
export const VOWEL_MARKS = ['\u0306', '\u0302', '\u031b']
export const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323']

/** One letter as [plain, marked]: the marked one carries any vowel mark and tone mark. */
export const markedLetter = fc
  .tuple(
    fc.constantFrom(...BASE_LETTERS),
    fc.subarray(VOWEL_MARKS, { maxLength: 1 }),
    fc.subarray(TONE_MARKS, { maxLength: 1 }),
  )
  .map(([base, vowel, tone]) => [base, base + vowel.join('') + tone.join('')] as const)
