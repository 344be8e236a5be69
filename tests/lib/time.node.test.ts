import { describe, expect, it } from 'vitest'
import { formatVnDate, formatVnDateTime, toVnIsoString } from '../../src/lib/time'

describe('Vietnamese time', () => {
  it('shows the seed article time as the portal does', () => {
    const published = new Date('2019-11-30T15:19:00+07:00')
    expect(formatVnDateTime(published)).toBe('15:19 30/11/2019')
    expect(formatVnDate(published)).toBe('30/11/2019')
    expect(toVnIsoString(published)).toBe('2019-11-30T15:19:00+07:00')
  })

  it('moves a late-evening UTC instant to the next day in Vietnam', () => {
    const instant = new Date('2019-11-30T17:05:00Z')
    expect(formatVnDateTime(instant)).toBe('00:05 01/12/2019')
    expect(toVnIsoString(instant)).toBe('2019-12-01T00:05:00+07:00')
  })

  it('crosses the year boundary', () => {
    const instant = new Date('2019-12-31T23:59:59Z')
    expect(formatVnDateTime(instant)).toBe('06:59 01/01/2020')
    expect(formatVnDate(instant)).toBe('01/01/2020')
  })

  it('uses 24-hour time with leading zeros', () => {
    expect(formatVnDateTime(new Date('2020-02-03T01:02:00Z'))).toBe('08:02 03/02/2020')
    expect(formatVnDateTime(new Date('2020-02-03T13:45:00Z'))).toBe('20:45 03/02/2020')
  })
})
