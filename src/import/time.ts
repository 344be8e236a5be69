/**
 * Reading the times exports carry. Vietnam (Asia/Ho_Chi_Minh) has kept UTC+07:00 without
 * daylight saving since 1975 (src/lib/time.ts), so a time written without a zone is read at
 * +07:00: what a Vietnamese portal's editors typed and saw.
 */

/** Earliest and latest years a news time may carry; anything outside is a broken value. */
const MIN_YEAR = 1990
const MAX_YEAR = 2100

const VN_OFFSET = '+07:00'

const valid = (d: Date) =>
  !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= MIN_YEAR && d.getUTCFullYear() <= MAX_YEAR
    ? d
    : null

/** Whether y-m-d h:m:s are a real calendar time (Date would roll 2020-02-31 into March). */
function realFields(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  return (
    t.getUTCFullYear() === y &&
    t.getUTCMonth() === mo - 1 &&
    t.getUTCDate() === d &&
    t.getUTCHours() === h &&
    t.getUTCMinutes() === mi &&
    t.getUTCSeconds() === s
  )
}

/** The instant `y-m-d h:m:s` in Vietnamese local time, or null when the fields are not real. */
function vnLocal(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  if (!realFields(y, mo, d, h, mi, s)) return null
  return valid(new Date(Date.UTC(y, mo - 1, d, h, mi, s) - 7 * 3600_000))
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
const VN_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/
/** RFC 822/1123 (RSS pubDate) ends with a zone: an offset or a name such as GMT. */
const RFC822_ZONE = /(?:[+-]\d{4}|\b(?:UT|UTC|GMT|Z|[ECMP][SD]T))$/i

/**
 * Reads one time from an export: ISO 8601 / MySQL (`2020-05-12 08:30:00`, with or without a zone
 * or `T`), RFC 822 as RSS writes it (`Tue, 12 May 2020 08:30:00 +0700`), or the Vietnamese
 * `12/05/2020 08:30`. Without a zone the time is Vietnamese local time (UTC+07:00).
 * Input: the text as found. Output: the instant, or null for empty text, WordPress's
 * `0000-00-00 00:00:00`, an impossible date (2020-02-31) or a year outside 1990–2100.
 */
export function parseSourceTime(raw: string): Date | null {
  const text = raw.trim()
  if (text === '' || /^0000-00-00/.test(text)) return null
  const iso = ISO.exec(text)
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = iso
    if (!realFields(+y!, +mo!, +d!, +h, +mi, +s)) return null
    if (!zone) return vnLocal(+y!, +mo!, +d!, +h, +mi, +s)
    const z = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
    const date = `${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}`
    return valid(new Date(`${date}${z}`))
  }
  const dmy = VN_DMY.exec(text)
  if (dmy) {
    const [, d, mo, y, h = '0', mi = '0', s = '0'] = dmy
    return vnLocal(+y!, +mo!, +d!, +h, +mi, +s)
  }
  // RFC 822: Date.parse reads it; without a zone it would read the runtime's, so say +07:00.
  if (/^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}/.test(text)) {
    const withZone = RFC822_ZONE.test(text) ? text : `${text} +0700`
    return valid(new Date(withZone))
  }
  return null
}

/**
 * A Unix time in seconds (NukeViet's publtime, addtime, post_time) as an instant; null for 0,
 * negative or out-of-range values (NukeViet writes 0 for "never").
 */
export function fromEpochSeconds(seconds: number): Date | null {
  if (!Number.isFinite(seconds) || seconds <= 0) return null
  return valid(new Date(seconds * 1000))
}

export { VN_OFFSET }
