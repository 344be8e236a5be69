import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeVietnamesePhone } from '../../src/lib/phone'

/** The stored form: E.164 for Vietnam, +84 then 9 (mobile) or 10 (landline) digits. */
const E164 = /^\+84\d{9,10}$/

const SEPARATORS = [' ', '.', '-', '(', ')', '\t', '\u00a0']

/** Mobile prefixes in use (after the 2018 renumbering): 03x, 05x, 07x, 08x, 09x. */
const MOBILE_PREFIXES = [
  '32',
  '35',
  '39',
  '56',
  '58',
  '70',
  '77',
  '79',
  '81',
  '85',
  '86',
  '88',
  '90',
  '91',
  '94',
  '96',
  '98',
]

/** The digits after the leading 0 (or +84) of a valid mobile number. */
const subscriber = fc
  .tuple(
    fc.constantFrom(...MOBILE_PREFIXES),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 }),
  )
  .map(([prefix, rest]) => prefix + rest.join(''))

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
  .tuple(subscriber, fc.constantFrom('+84', '84', '0', '0084'))
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
  it('reads every way of writing a number as the same E.164 number', () => {
    fc.assert(
      fc.property(writtenNumber, ([digits, written]) => {
        expect(normalizeVietnamesePhone(written)).toBe(`+84${digits}`)
      }),
      runs,
    )
  })

  it('+84, 84, 0084, "+84 (0)" and 0 prefixes give the same number', () => {
    fc.assert(
      fc.property(subscriber, (digits) => {
        const national = normalizeVietnamesePhone(`0${digits}`)
        expect(national).toBe(`+84${digits}`)
        for (const prefix of ['+84', '84', '0084', '+84 (0)', '+84 ']) {
          expect(normalizeVietnamesePhone(`${prefix}${digits}`)).toBe(national)
        }
      }),
      runs,
    )
  })

  it('gives null or E.164, whatever the input, and never throws', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = normalizeVietnamesePhone(input)
        if (out !== null) expect(out).toMatch(E164)
      }),
      runs,
    )
  })

  it('keeps the digits typed (the last nine or ten)', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const out = normalizeVietnamesePhone(input)
        if (out !== null) {
          const digits = input.normalize('NFKC').replace(/[^0-9]/g, '')
          expect(digits.endsWith(out.slice(3))).toBe(true)
        }
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
        fc.constantFrom('x', 'a', '/', '#', '*', ',', '_', '٣', '\u200b'),
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
})
