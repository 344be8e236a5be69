import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalUrl } from '../../src/cache/canonical'

/** Tracking parameter names (any letter case), and utm_ with any suffix. */
const trackingName = fc
  .oneof(
    fc.stringMatching(/^[a-z0-9_]{0,8}$/).map((rest) => `utm_${rest}`),
    fc.constantFrom('fbclid', 'gclid', 'msclkid', '_ga', 'igshid', 'zarsrc', 'zalo_ref', 'ref'),
  )
  .chain((name) => fc.mixedCase(fc.constant(name)))

/** Names a request may carry: the ones pages read, and anything else. */
const anyName = fc.oneof(
  fc.constantFrom('q', 'page', 'binh-luan', 'trang', 'a', ''),
  trackingName,
  fc.string({ unit: 'binary', maxLength: 6 }),
)
const value = fc.oneof(
  fc.constantFrom('', '1', '2', '07', '10001', 'cho-duyet', 'da-dang', 'Thường Tín', 'a b', '&'),
  fc.string({ unit: 'binary', maxLength: 8 }),
)
const params = fc.array(fc.tuple(anyName, value), { maxLength: 8 })

/** Paths of every kind of public page, as a reader or a link may spell them. */
const pagePath = fc.oneof(
  fc.constantFrom(
    '/',
    '/tim-kiem',
    '/rss.xml',
    '/sitemap.xml',
    '/robots.txt',
    '/bai-viet/thuong-tin-2020',
    '/bai-viet/%74huong-tin-2020',
    '/bai-viet/Thuong-Tin-2020/',
    '/bai-viet/thường-tín-2020',
    '/bai-viet/Thường Tín 2020',
    '/bai-viet/%C4%90%E1%BB%93ng-Nai',
    '/chuyen-muc/Kinh Tế',
    '/chuyen-muc/kinh-te',
    '/chuyen-muc/kinh-te/',
    '/chuyen-muc/kinh-te/rss.xml',
  ),
)
const ORIGIN = 'https://x.vn'

function withParams(path: string, ps: (readonly [string, string])[]): string {
  const u = new URL(path, ORIGIN)
  for (const [n, v] of ps) u.searchParams.append(n, v)
  return u.toString()
}

const runs = { numRuns: 300 }

describe('canonicalUrl (properties)', () => {
  it('is idempotent: the canonical URL of a canonical URL is itself', () => {
    fc.assert(
      fc.property(pagePath, params, (path, ps) => {
        const once = canonicalUrl(withParams(path, ps))!
        expect(canonicalUrl(once)!.toString()).toBe(once.toString())
      }),
      runs,
    )
  })

  it('keeps only the parameters the page reads, each once, with no fragment', () => {
    fc.assert(
      fc.property(pagePath, params, fc.string({ maxLength: 5 }), (path, ps, fragment) => {
        const url = canonicalUrl(`${withParams(path, ps)}#${fragment}`)!
        const names = [...url.searchParams.keys()]
        expect(new Set(names).size).toBe(names.length)
        for (const name of names) expect(['q', 'page', 'binh-luan']).toContain(name)
        expect(url.hash).toBe('')
      }),
      runs,
    )
  })

  it('does not change with tracking parameters added anywhere', () => {
    fc.assert(
      fc.property(
        pagePath,
        params,
        fc.array(fc.tuple(fc.tuple(trackingName, value), fc.nat()), { minLength: 1, maxLength: 4 }),
        (path, ps, tracking) => {
          const kept = ps.filter(([n]) => ['q', 'page', 'binh-luan'].includes(n))
          const mixed = [...kept]
          for (const [p, at] of tracking) mixed.splice(at % (mixed.length + 1), 0, p)
          expect(canonicalUrl(withParams(path, mixed))!.toString()).toBe(
            canonicalUrl(withParams(path, kept))!.toString(),
          )
        },
      ),
      runs,
    )
  })

  it('takes the first of repeated parameters, whatever follows', () => {
    fc.assert(
      fc.property(pagePath, params, fc.array(fc.tuple(anyName, value)), (path, ps, more) => {
        // Later occurrences of names already present never matter.
        const seen = new Set(ps.map(([n]) => n))
        const repeats = more.filter(([n]) => seen.has(n))
        expect(canonicalUrl(withParams(path, [...ps, ...repeats]))!.toString()).toBe(
          canonicalUrl(withParams(path, ps))!.toString(),
        )
      }),
      runs,
    )
  })

  it('folds a slug pasted with its marks, spaces or capitals to the slug the portal made', () => {
    const cases: [string, string][] = [
      [
        '/bai-viet/thường-tín-tổ-chức-các-hoạt-động-thông-tin-đối-ngoại-năm-2020',
        '/bai-viet/thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020',
      ],
      ['/bai-viet/Thường%20Tín 2020', '/bai-viet/thuong-tin-2020'],
      ['/bai-viet/%C4%90%E1%BB%93ng-Nai', '/bai-viet/dong-nai'],
      ['/bai-viet/Hoa\u0300-Bi\u0300nh', '/bai-viet/hoa-binh'],
      ['/chuyen-muc/Kinh Tế/rss.xml', '/chuyen-muc/kinh-te/rss.xml'],
      ['/chuyen-muc/Văn_hóa?page=2', '/chuyen-muc/van-hoa?page=2'],
    ]
    for (const [input, expected] of cases) {
      const url = canonicalUrl(new URL(input, ORIGIN))!
      expect(`${url.pathname}${url.search}`).toBe(expected)
    }
    // Nothing left to fold: not a page.
    expect(canonicalUrl(`${ORIGIN}/bai-viet/!!!`)).toBeNull()
    expect(canonicalUrl(`${ORIGIN}/bai-viet/%E2%80%8B`)).toBeNull()
  })

  it('leaves URLs that are not public pages alone (null)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('/admin', '/api/admin/articles', '/media/a.jpg', '/bai-viet/a/b', '/x'),
        params,
        (path, ps) => {
          expect(canonicalUrl(withParams(path, ps))).toBeNull()
        },
      ),
      runs,
    )
  })
})
