import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeVietnamesePhone } from '../../src/lib/phone'

/** The documented national form: 0, then a non-zero digit, then eight digits. */
const NATIONAL = /^0[1-9]\d{8}$/

const SEPARATORS = [' ', '.', '-', '(', ')', '\t', '\u00a0']

/** The nine digits after the country code or the leading 0. */
const subscriber = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
  )
  .map(([first, rest]) => [first, ...rest].join(''))

/** Runs of separators (possibly none) to put between any two characters. */
const gaps = (n: number) =>
  fc.array(fc.string({ unit: fc.constantFrom(...SEPARATORS), maxLength: 2 }), {
    minLength: n,
    maxLength: n,
  })

/** Interleaves `text` with separator runs, before, between and after its characters. */
function spread(text: string, gapRuns: string[]): string {
  return [...text].map((c, i) => gapRuns[i] + c).join('') + gapRuns[text.length]
}

/** A valid number written any way a reader might: [subscriber digits, as typed]. */
const writtenNumber = fc
  .tuple(subscriber, fc.constantFrom('+84', '84', '0'))
  .chain(([digits, prefix]) =>
    gaps(prefix.length + digits.length + 1).map(
      (g) => [digits, spread(prefix + digits, g)] as const,
    ),
  )

const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))
const phoneLike = fc.string({
  unit: fc.constantFrom('0', '1', '4', '8', '9', '+', ' ', '.', '-', '(', ')', 'x', '٣'),
  maxLength: 20,
})
const anyInput = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: utf16Unit }),
  phoneLike,
  writtenNumber.map(([, w]) => w),
)

const runs = { numRuns: 500 }

describe('normalizeVietnamesePhone (properties)', () => {
  it('reads every way of writing a number as the same 0xxxxxxxxx', () => {
    fc.assert(
      fc.property(writtenNumber, ([digits, written]) => {
        expect(normalizeVietnamesePhone(written)).toBe(`0${digits}`)
      }),
      runs,
    )
  })

  it('+84, 84 and 0 prefixes give the same number', () => {
    fc.assert(
      fc.property(subscriber, (digits) => {
        const national = normalizeVietnamesePhone(`0${digits}`)
        expect(normalizeVietnamesePhone(`+84${digits}`)).toBe(national)
        expect(normalizeVietnamesePhone(`84${digits}`)).toBe(national)
        expect(normalizeVietnamesePhone(`+84 ${digits}`)).toBe(national)
      }),
      runs,
    )
  })

  it('gives null or the documented form, whatever the input, and never throws', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = normalizeVietnamesePhone(input)
        if (out !== null) expect(out).toMatch(NATIONAL)
      }),
      runs,
    )
  })

  it('keeps the last nine digits typed', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = normalizeVietnamesePhone(input)
        if (out !== null) expect(out.slice(1)).toBe(input.replace(/[^0-9]/g, '').slice(-9))
      }),
      runs,
    )
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = normalizeVietnamesePhone(input)
        if (out !== null) expect(normalizeVietnamesePhone(out)).toBe(out)
      }),
      runs,
    )
  })

  it('rejects anything with a letter or other stray character', () => {
    fc.assert(
      fc.property(
        writtenNumber,
        fc.nat(),
        fc.constantFrom('x', 'a', '/', '#', '*', ',', '_', '٣', '０', '\u200b'),
        ([, written], at, stray) => {
          const i = at % (written.length + 1)
          expect(
            normalizeVietnamesePhone(written.slice(0, i) + stray + written.slice(i)),
          ).toBeNull()
        },
      ),
      runs,
    )
  })

  it('rejects a digit too many or too few, and a 0 right after the prefix', () => {
    fc.assert(
      fc.property(
        subscriber,
        fc.constantFrom('+84', '84', '0'),
        fc.integer({ min: 0, max: 9 }),
        (digits, prefix, extra) => {
          expect(normalizeVietnamesePhone(prefix + digits + extra)).toBeNull()
          expect(normalizeVietnamesePhone(prefix + digits.slice(1))).toBeNull()
          expect(normalizeVietnamesePhone(`${prefix}0${digits.slice(1)}`)).toBeNull()
        },
      ),
      runs,
    )
  })
})
