import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { COMMENT_LIMITS, parseCommentForm } from '../../src/lib/comment-input'
import { normalizeVietnamesePhone, PHONE_MESSAGE } from '../../src/lib/phone'
import { cleanText, textLength, isBlank } from '../../src/lib/text'

const FIELDS = ['name', 'phone', 'title', 'content'] as const
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Every message the form can show; all Vietnamese. */
const MESSAGES = {
  name: [/^Vui lòng nhập họ tên\.$/, /^Họ tên không được dài quá 100 ký tự\.$/],
  phone: [new RegExp(`^${PHONE_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)],
  title: [/^Vui lòng nhập tiêu đề\.$/, /^Tiêu đề không được dài quá 200 ký tự\.$/],
  content: [/^Vui lòng nhập nội dung\.$/, /^Nội dung không được dài quá 4000 ký tự\.$/],
} as const

const utf16Unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
)
const trickyUnit = fc.constantFrom(
  'a',
  'ư',
  'Đ',
  'ệ',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\u0301',
  '\u0323',
  '\u0000',
  '\u001b',
  '\u0085',
  '\u202e',
  '\u2067',
  '\ud83d',
  '\ud83d\udc4d',
  '0',
  '9',
  '+84',
  '.',
  '-',
)
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: utf16Unit, maxLength: 30 }),
  fc.string({ unit: trickyUnit, maxLength: 30 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1 }),
  // Around the limits, counted in code points.
  fc.integer({ min: 95, max: 105 }).map((n) => 'ệ'.repeat(n)),
  fc.integer({ min: 195, max: 205 }).map((n) => '👍'.repeat(n)),
  fc.integer({ min: 3995, max: 4005 }).map((n) => 'c'.repeat(n)),
)
const phone = fc.oneof(
  fc.constantFrom('', ' ', '0912345678', '+84 912.345-678', '(091) 234 5678', '84912345678'),
  fc.stringMatching(/^(\+84|84|0)[ .-]?9[0-4]\d[ .-]?\d{3}[ .-]?\d{3}$/),
  fc.stringMatching(/^(\+84|84|0)[ .-]?[1-9]\d{2}[ .-]?\d{3}[ .-]?\d{3,4}$/),
  text,
)
/** A field as a browser or a hostile client may send it. */
const fieldValue = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: value },
    fc.array(value, { minLength: 1, maxLength: 3 }),
    fc.anything(),
  )
const form = fc.record(
  {
    name: fieldValue(text),
    phone: fieldValue(phone),
    title: fieldValue(text),
    content: fieldValue(text),
  },
  { requiredKeys: [] },
)
/** Forms that pass, so that accepted values get exercised too. */
const validForm = fc.record({
  name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }).map((s) => `Lê ${s}`),
  phone,
  title: fc.string({ unit: trickyUnit, maxLength: 60 }).map((s) => `Góp ý ${s}`),
  content: fc.string({ unit: trickyUnit, maxLength: 200 }).map((s) => `Nội dung ${s}`),
})
const anyForm = fc.oneof(form, validForm, fc.dictionary(fc.string(), fc.anything()))

/** The first text value of a submitted field, as parseCommentForm reads it. */
function firstText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

const runs = { numRuns: 300 }

describe('parseCommentForm (properties)', () => {
  it('never throws and always gives back the cleaned values', () => {
    fc.assert(
      fc.property(anyForm, (raw) => {
        const result = parseCommentForm(raw)
        for (const f of FIELDS) {
          const expected = cleanText(firstText(raw[f]), { multiline: f === 'content' })
          expect(result.values[f]).toBe(expected)
        }
      }),
      runs,
    )
  })

  it('accepts only clean values: NFC, no controls, no bidi overrides, within the limits', () => {
    let accepted = 0
    fc.assert(
      fc.property(anyForm, (raw) => {
        const result = parseCommentForm(raw)
        if (!result.ok) return
        accepted++
        const { comment } = result
        for (const value of [comment.name, comment.title, comment.content]) {
          expect(value.length).toBeGreaterThan(0)
          expect(value.normalize('NFC')).toBe(value)
          expect(value).not.toMatch(FORBIDDEN)
          expect(value).not.toMatch(LONE_SURROGATE)
          expect(value).toBe(value.trim())
        }
        expect(comment.name).not.toMatch(/[\n\t]/)
        expect(comment.title).not.toMatch(/[\n\t]/)
        expect(textLength(comment.name)).toBeLessThanOrEqual(COMMENT_LIMITS.name)
        expect(textLength(comment.title)).toBeLessThanOrEqual(COMMENT_LIMITS.title)
        expect(textLength(comment.content)).toBeLessThanOrEqual(COMMENT_LIMITS.content)
        if (comment.phone !== null) expect(comment.phone).toMatch(/^\+84\d{9,10}$/)
        expect(comment.phone).toBe(
          result.values.phone === '' ? null : normalizeVietnamesePhone(result.values.phone),
        )
      }),
      runs,
    )
    expect(accepted).toBeGreaterThan(0)
  })

  it('rejects exactly the fields that are empty, too long or not a phone number', () => {
    fc.assert(
      fc.property(anyForm, (raw) => {
        const result = parseCommentForm(raw)
        const v = result.values
        const bad = {
          name: isBlank(v.name) || textLength(v.name) > COMMENT_LIMITS.name,
          phone:
            v.phone !== '' &&
            (v.phone.length > COMMENT_LIMITS.phone || normalizeVietnamesePhone(v.phone) === null),
          title: isBlank(v.title) || textLength(v.title) > COMMENT_LIMITS.title,
          content: isBlank(v.content) || textLength(v.content) > COMMENT_LIMITS.content,
        }
        expect(result.ok).toBe(!Object.values(bad).some(Boolean))
        if (result.ok) return
        for (const f of FIELDS) expect(f in result.errors).toBe(bad[f])
        expect(
          Object.keys(result.errors).every((k) => (FIELDS as readonly string[]).includes(k)),
        ).toBe(true)
      }),
      runs,
    )
  })

  it('explains every rejection in Vietnamese', () => {
    fc.assert(
      fc.property(anyForm, (raw) => {
        const result = parseCommentForm(raw)
        if (result.ok) return
        for (const f of FIELDS) {
          const message = result.errors[f]
          if (message === undefined) continue
          expect(MESSAGES[f].some((pattern) => pattern.test(message))).toBe(true)
        }
      }),
      runs,
    )
  })

  it('gives the same result however the reader typed it: NFC or NFD, CRLF or LF', () => {
    fc.assert(
      fc.property(validForm, (raw) => {
        const typedOtherwise = {
          name: raw.name.normalize('NFD'),
          phone: raw.phone,
          title: raw.title.normalize('NFD'),
          content: raw.content.normalize('NFD').replace(/\r\n?/g, '\n').replace(/\n/g, '\r\n'),
        }
        expect(parseCommentForm(typedOtherwise)).toEqual(parseCommentForm(raw))
      }),
      runs,
    )
  })
})
