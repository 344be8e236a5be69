import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseArticleCreate,
  parseArticleUpdate,
  parsePublishTime,
  type ArticleCreateInput,
  type ArticleUpdateInput,
} from '../../src/admin/article-input'
import { ARTICLE_STATUSES } from '../../src/db/schema'
import { isSlug } from '../../src/lib/slug'
import { cleanText } from '../../src/lib/text'

/** A letter only Vietnamese uses: every message we show has at least one. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i

const utf16Unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
)
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: utf16Unit, maxLength: 20 }),
  fc.constantFrom('', '   ', 'Thường Tín', 'a\u0000\u0301', 'x'.repeat(301)),
)
/** Sometimes the right type, sometimes anything at all. */
const orAnything = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: arb }, fc.anything())

const localTime = fc
  .date({
    min: new Date('1980-01-01T00:00:00Z'),
    max: new Date('2300-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 16))
const publishTime = fc.oneof(
  localTime,
  localTime.map((t) => `${t}:00Z`),
  localTime.map((t) => `  ${t}:30.5+07:00 `),
  fc.constantFrom('', ' ', '2026-13-40T25:61', 'hôm nay', '2026-11-26'),
)

const fields = {
  title: orAnything(text),
  slug: orAnything(fc.oneof(text, fc.string({ maxLength: 250 }))),
  lead: orAnything(text),
  body: orAnything(text),
  author: orAnything(text),
  source: orAnything(text),
  categoryId: orAnything(
    fc.oneof(fc.integer({ min: -2, max: 1000 }), fc.constantFrom('1', '42', '0', 'abc', '1.5', '')),
  ),
  status: orAnything(fc.constantFrom(...ARTICLE_STATUSES, 'deleted', '')),
  publishedAt: orAnything(fc.oneof(publishTime, fc.constant(null))),
  commentsEnabled: orAnything(
    fc.oneof(fc.boolean(), fc.constantFrom('on', 'true', '1', 'false', '0', '', 'yes', 'off')),
  ),
  coverImage: orAnything(
    fc.constantFrom(
      null,
      '',
      ' /media/2026/a.jpg ',
      '/media/x y.jpg',
      'https://x.vn/a.jpg',
      'http://x.vn/a.jpg',
      'javascript:alert(1)',
    ),
  ),
}
/** What the routes pass: always an object (the JSON API answers 400 to anything else). */
const rawObject = fc.oneof(
  { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) },
  fc.record(fields),
  fc.dictionary(fc.string(), fc.anything()),
)
const raw = fc.oneof({ weight: 4, arbitrary: rawObject }, fc.anything())

function checkAccepted(input: ArticleCreateInput | ArticleUpdateInput) {
  const single = (v: string | undefined, max: number) => {
    if (v === undefined) return
    expect(v).toBe(cleanText(v))
    expect(v.length).toBeLessThanOrEqual(max)
  }
  const multi = (v: string | undefined, max: number) => {
    if (v === undefined) return
    expect(v).toBe(cleanText(v, { multiline: true }))
    expect(v.length).toBeLessThanOrEqual(max)
  }
  single(input.title, 300)
  if (input.title !== undefined) expect(input.title).not.toBe('')
  multi(input.lead, 1000)
  multi(input.body, 200_000)
  single(input.author, 100)
  single(input.source, 50)
  if (input.slug !== undefined && input.slug !== '') expect(isSlug(input.slug)).toBe(true)
  if (input.categoryId !== undefined) {
    expect(Number.isInteger(input.categoryId) && input.categoryId > 0).toBe(true)
  }
  if (input.status !== undefined) expect(ARTICLE_STATUSES).toContain(input.status)
  if (input.commentsEnabled !== undefined) expect(typeof input.commentsEnabled).toBe('boolean')
  if (input.publishedAt instanceof Date) {
    expect(Number.isNaN(input.publishedAt.getTime())).toBe(false)
    expect(input.publishedAt.getUTCFullYear()).toBeGreaterThanOrEqual(1990)
    expect(input.publishedAt.getUTCFullYear()).toBeLessThanOrEqual(2200)
  } else expect([null, undefined]).toContain(input.publishedAt)
  if (typeof input.coverImage === 'string') {
    expect(input.coverImage).toBe(input.coverImage.trim())
    expect(input.coverImage).toMatch(/^\/media\/[A-Za-z0-9/_.-]+$|^https:\/\/[^\s"'<>]+$/)
  } else expect([null, undefined]).toContain(input.coverImage)
}

const runs = { numRuns: 200 }

describe('parseArticleCreate / parseArticleUpdate (properties)', () => {
  it.each([
    ['create', parseArticleCreate],
    ['update', parseArticleUpdate],
  ] as const)('%s: never throws, and accepts only clean, well-typed values', (_, parse) => {
    fc.assert(
      fc.property(raw, (value) => {
        const result = parse(value)
        if (result.ok) checkAccepted(result.input)
      }),
      runs,
    )
  })

  it('create fills in the defaults', () => {
    fc.assert(
      fc.property(raw, (value) => {
        const result = parseArticleCreate(value)
        if (!result.ok) return
        const { input } = result
        expect(typeof input.title).toBe('string')
        expect(typeof input.categoryId).toBe('number')
        for (const v of [input.lead, input.body, input.author, input.source]) {
          expect(typeof v).toBe('string')
        }
        expect(ARTICLE_STATUSES).toContain(input.status)
        expect(typeof input.commentsEnabled).toBe('boolean')
      }),
      runs,
    )
  })

  it.each([
    ['create', parseArticleCreate],
    ['update', parseArticleUpdate],
  ] as const)('%s: explains every rejection of an object in Vietnamese', (_, parse) => {
    fc.assert(
      fc.property(rawObject, (value) => {
        const result = parse(value)
        if (result.ok) return
        expect(Object.keys(result.errors).length).toBeGreaterThan(0)
        for (const message of Object.values(result.errors)) expect(message).toMatch(VIETNAMESE)
      }),
      runs,
    )
  })
})

describe('parsePublishTime (properties)', () => {
  it('gives null or a real date between 1990 and 2200, whatever the string', () => {
    fc.assert(
      fc.property(fc.oneof(publishTime, fc.string({ unit: utf16Unit })), (s) => {
        const date = parsePublishTime(s)
        if (date === null) return
        expect(Number.isNaN(date.getTime())).toBe(false)
        expect(date.getUTCFullYear()).toBeGreaterThanOrEqual(1990)
        expect(date.getUTCFullYear()).toBeLessThanOrEqual(2200)
      }),
      runs,
    )
  })

  it('reads a time without offset as Vietnam time (UTC+07:00), with or without seconds', () => {
    fc.assert(
      fc.property(localTime, (t) => {
        const local = parsePublishTime(t)
        expect(parsePublishTime(`${t}:00`)).toEqual(local)
        expect(parsePublishTime(`${t}:00+07:00`)).toEqual(local)
        expect(parsePublishTime(` ${t} `)).toEqual(local)
        if (local !== null) {
          expect(local.getTime()).toBe(new Date(`${t}:00Z`).getTime() - 7 * 3600_000)
        }
      }),
      runs,
    )
  })
})
