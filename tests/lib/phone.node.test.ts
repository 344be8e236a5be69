import fullMetadata from 'libphonenumber-js/metadata.max.json'
import { describe, expect, it } from 'vitest'
import { vietnamPhoneMetadata } from '../../src/generated/phone-metadata'
import { formatPhoneNational, normalizeVietnamesePhone } from '../../src/lib/phone'
import { INVALID_PHONES, VALID_PHONES } from '../vietnamese-phones'

describe('normalizeVietnamesePhone', () => {
  it.each(VALID_PHONES)('%j → %s (shown as %s)', (typed, stored, national) => {
    expect(normalizeVietnamesePhone(typed)).toBe(stored)
    expect(normalizeVietnamesePhone(stored)).toBe(stored)
    expect(formatPhoneNational(stored)).toBe(national)
  })

  it.each(INVALID_PHONES)('refuses %j', (typed) => {
    expect(normalizeVietnamesePhone(typed)).toBeNull()
  })

  it("carries the library's whole numbering plan for +84 (run scripts/build-phone-metadata.ts)", () => {
    const full = fullMetadata as unknown as {
      version: number
      countries: Record<string, unknown>
    }
    expect(vietnamPhoneMetadata).toEqual({
      version: full.version,
      country_calling_codes: { '84': ['VN'] },
      countries: { VN: full.countries.VN },
      nonGeographic: {},
    })
  })
})
