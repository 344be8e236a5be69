import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cacheKey } from '../../src/cache/key'

/** Parameter names key.ts drops (any letter case), and utm_ with any suffix. */
const trackingName = fc
  .oneof(
    fc.stringMatching(/^[a-z0-9_]{0,8}$/).map((rest) => `utm_${rest}`),
    fc.constantFrom(
      'fbclid',
      'gclid',
      'dclid',
      'gbraid',
      'wbraid',
      'msclkid',
      'yclid',
      'mc_cid',
      'mc_eid',
      '_ga',
      '_gl',
      'igshid',
      'zarsrc',
      'zalo_ref',
    ),
  )
  .chain((name) => fc.mixedCase(fc.constant(name)))
const TRACKING =
  /^(utm_[a-z0-9_]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|zarsrc|zalo_ref)$/i

/** Names a page may use, including ones that merely look like tracking parameters. */
const pageName = fc
  .oneof(
    fc.constantFrom(
      'q',
      'page',
      'trang',
      'a',
      'b',
      'utm',
      'utmsource',
      'xfbclid',
      'gclid2',
      'ga',
      'ref',
      '',
    ),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
  )
  .filter((name) => !TRACKING.test(name))
const value = fc.oneof(
  fc.constantFrom('', '1', '2', 'Thường Tín', 'a b', 'a+b', '&', '=', '#', '%', '?'),
  fc.string({ unit: 'binary', maxLength: 8 }),
)
const param = (name: fc.Arbitrary<string>) => fc.tuple(name, value)

const base = fc.oneof(
  fc.constantFrom('https://x.vn/', 'https://x.vn/tim-kiem', 'http://localhost:8787/bai-viet/a'),
  fc.webUrl({ validSchemes: ['http', 'https'] }),
)

/** A URL with these parameters, written the ordinary way. */
function withParams(url: string, params: (readonly [string, string])[]): string {
  const u = new URL(url)
  u.search = ''
  for (const [n, v] of params) u.searchParams.append(n, v)
  return u.toString()
}

/** The query of a key as a sorted list of pairs, to compare multisets. */
function pairs(url: string): string[] {
  return [...new URL(url).searchParams].map((p) => JSON.stringify(p)).sort()
}

const runs = { numRuns: 300 }

describe('cacheKey (properties)', () => {
  it('ignores tracking parameters wherever they are', () => {
    fc.assert(
      fc.property(
        base,
        fc.array(param(pageName), { maxLength: 5 }),
        fc.array(fc.tuple(param(trackingName), fc.nat()), { minLength: 1, maxLength: 5 }),
        (url, kept, tracking) => {
          const mixed = [...kept]
          for (const [p, at] of tracking) mixed.splice(at % (mixed.length + 1), 0, p)
          expect(cacheKey(withParams(url, mixed))).toBe(cacheKey(withParams(url, kept)))
        },
      ),
      runs,
    )
  })

  it('ignores the order of parameters', () => {
    fc.assert(
      fc.property(
        base,
        fc
          .array(param(fc.oneof(pageName, trackingName, fc.constantFrom('a', 'b'))), {
            maxLength: 8,
          })
          .chain((ps) =>
            fc.tuple(fc.constant(ps), fc.shuffledSubarray(ps, { minLength: ps.length })),
          ),
        (url, [params, shuffled]) => {
          expect(cacheKey(withParams(url, shuffled))).toBe(cacheKey(withParams(url, params)))
        },
      ),
      runs,
    )
  })

  it('keeps every other parameter, sorted by name, and drops the fragment', () => {
    fc.assert(
      fc.property(
        base,
        fc.array(param(fc.oneof(pageName, trackingName)), { maxLength: 8 }),
        fc.string({ unit: 'grapheme-ascii', maxLength: 10 }),
        (url, params, fragment) => {
          const key = cacheKey(`${withParams(url, params)}#${fragment}`)
          const kept = params.filter(([n]) => !TRACKING.test(n))
          expect(pairs(key)).toEqual(pairs(withParams(url, kept)))
          const names = [...new URL(key).searchParams.keys()]
          expect(names).toEqual([...names].sort())
          expect(key).not.toContain('#')
          expect(new URL(key).hash).toBe('')
        },
      ),
      runs,
    )
  })

  it('keeps the origin and the path', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const input = new URL(url)
        const key = new URL(cacheKey(url))
        expect(key.origin).toBe(input.origin)
        expect(key.pathname).toBe(input.pathname)
        expect(key.username + key.password).toBe(input.username + input.password)
      }),
      runs,
    )
  })

  it('does not depend on the letter case of scheme and host', () => {
    fc.assert(
      fc.property(
        fc.mixedCase(fc.constantFrom('https', 'http')),
        fc.mixedCase(fc.domain()),
        fc.array(param(fc.oneof(pageName, trackingName)), { maxLength: 4 }),
        (scheme, host, params) => {
          const lower = withParams(
            `${scheme.toLowerCase()}://${host.toLowerCase()}/Bai-Viet`,
            params,
          )
          const mixed = lower.replace(/^[a-z]+:\/\/[^/]+/, `${scheme}://${host}`)
          expect(cacheKey(mixed)).toBe(cacheKey(lower))
        },
      ),
      runs,
    )
  })

  it('is stable: the key of a key is the key, for strings and URL objects alike', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc
            .tuple(base, fc.array(param(fc.oneof(pageName, trackingName)), { maxLength: 8 }))
            .map(([url, params]) => withParams(url, params)),
        ),
        (url) => {
          const key = cacheKey(url)
          expect(cacheKey(key)).toBe(key)
          const asUrl = new URL(url)
          const before = asUrl.toString()
          expect(cacheKey(asUrl)).toBe(key)
          expect(asUrl.toString()).toBe(before)
        },
      ),
      runs,
    )
  })
})
