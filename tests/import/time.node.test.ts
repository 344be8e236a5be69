import { describe, expect, it } from 'vitest'
import { fromEpochSeconds, parseSourceTime } from '../../src/import/time'
import { legacyKey } from '../../src/lib/legacy-path'

describe('parseSourceTime', () => {
  const cases: [string, string | null][] = [
    // No zone: Vietnamese local time (UTC+07:00).
    ['2024-05-12 08:30:00', '2024-05-12T01:30:00.000Z'],
    ['2024-05-12T08:30', '2024-05-12T01:30:00.000Z'],
    ['12/05/2024 08:30', '2024-05-12T01:30:00.000Z'],
    ['12/05/2024', '2024-05-11T17:00:00.000Z'],
    ['Sun, 12 May 2024 08:30:00', '2024-05-12T01:30:00.000Z'],
    // A zone, as written.
    ['2024-05-12T08:30:00Z', '2024-05-12T08:30:00.000Z'],
    ['2024-05-12T08:30:00+0700', '2024-05-12T01:30:00.000Z'],
    ['Sun, 12 May 2024 08:30:00 GMT', '2024-05-12T08:30:00.000Z'],
    ['Sun, 12 May 2024 08:30:00 +0700', '2024-05-12T01:30:00.000Z'],
    // Nothing usable.
    ['', null],
    ['0000-00-00 00:00:00', null],
    ['2024-02-30 08:00:00', null],
    ['2024-13-01', null],
    ['1969-12-31 23:59:59', null],
    ['Thứ Hai, 13/05/2024 17:00', null],
    ['hôm qua', null],
  ]
  for (const [raw, iso] of cases) {
    it(`${JSON.stringify(raw)} → ${iso}`, () => {
      expect(parseSourceTime(raw)?.toISOString() ?? null).toBe(iso)
    })
  }

  it('reads Unix seconds, and 0 or less as no time', () => {
    expect(fromEpochSeconds(1715736600)?.toISOString()).toBe('2024-05-15T01:30:00.000Z')
    expect(fromEpochSeconds(0)).toBeNull()
    expect(fromEpochSeconds(-5)).toBeNull()
  })
})

describe('legacyKey', () => {
  it('spells an old address one way whatever its case, slashes, host and tracking', () => {
    const key = '/news/tin-tuc/abc-12.html'
    for (const spelling of [
      '/news/tin-tuc/abc-12.html',
      '/News/Tin-Tuc/ABC-12.html/',
      '//news//tin-tuc/abc-12.html',
      'https://old.site.vn/news/tin-tuc/abc-12.html?utm_source=zalo&fbclid=1',
    ]) {
      expect(legacyKey(spelling)).toBe(key)
    }
  })

  it('keeps only the parameters that name content, in one order', () => {
    expect(legacyKey('/?utm_source=x&p=12')).toBe('/?p=12')
    expect(legacyKey('/index.php?op=Tin-Tuc/abc-12&language=vi&nv=news')).toBe(
      '/index.php?nv=news&op=tin-tuc%2Fabc-12',
    )
    expect(legacyKey('/?page=2')).toBe('/')
  })

  it('decodes percent-encoded Vietnamese paths to NFC', () => {
    const decomposed = `/${'lịch-cắt-điện'.normalize('NFD')}`
    expect(legacyKey(encodeURI(decomposed))).toBe('/lịch-cắt-điện')
    expect(legacyKey('/%E0%A4%A')).toBe('/%e0%a4%a')
    expect(legacyKey(`/${'a'.repeat(700)}`)).toBeNull()
  })
})
