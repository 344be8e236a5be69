import {
  findPhoneNumbersInText,
  parsePhoneNumberFromString,
  type NumberType,
} from 'libphonenumber-js/core'
import { vietnamPhoneMetadata } from '../generated/phone-metadata'

/**
 * Kinds of number a reader may leave for the newsroom to call back: a mobile or a landline
 * (fixed line, 11 digits with the area code since the 2017 renumbering). Premium-rate (1900),
 * toll-free (1800) and shared-cost numbers are businesses' lines, not a person's.
 */
const PERSONAL: ReadonlySet<NumberType> = new Set([
  'MOBILE',
  'FIXED_LINE',
  'FIXED_LINE_OR_MOBILE',
  'PERSONAL_NUMBER',
  'VOIP',
])

/** Why a typed phone number was refused, in Vietnamese, for the form. */
export const PHONE_MESSAGE =
  'Số điện thoại không hợp lệ: nhập số di động hoặc số cố định Việt Nam, ví dụ 0912 345 678, 024 3765 1234 hoặc +84 912 345 678.'

/**
 * Reads a Vietnamese phone number as people write it and returns it in E.164 (`+84912345678`),
 * or null when it is not a valid Vietnamese mobile or landline number. Accepts the national form
 * (`0912 345 678`, `024 3765 1234`), `+84` / `84` / `0084` with or without the "(0)" notation,
 * spaces, dots, dashes and brackets, and digits from other scripts (full-width ０-９ from some
 * input methods). The numbering plan is Google's libphonenumber data for +84 (libphonenumber-js;
 * src/generated/phone-metadata.ts), which follows the Ministry of Information and Communications'
 * plan (Circular 22/2014/TT-BTTTT as amended, the 2017–2018 landline and mobile renumbering).
 * Extensions are refused: E.164 has no place for them.
 */
export function normalizeVietnamesePhone(input: string): string | null {
  // NFKC turns full-width digits and plus signs into ASCII ones.
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim()
  // Only digits, spaces, + and the separators people use: no letters (nor "ext"), no other signs.
  if (text === '' || /[^\d\s.\-()+]/u.test(text)) return null
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: 'VN' }, vietnamPhoneMetadata)
  if (!parsed || parsed.country !== 'VN' || parsed.ext || !parsed.isValid()) return null
  const type = parsed.getType()
  return type && PERSONAL.has(type) ? parsed.number : null
}

/**
 * A stored number (E.164) in the national form editors dial, e.g. `0912 345 678` or
 * `024 3765 1234`; anything that does not parse is returned as it is.
 */
export function formatPhoneNational(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored, { defaultCountry: 'VN' }, vietnamPhoneMetadata)
  return parsed ? parsed.formatNational() : stored
}

/** What replaces a phone number typed into a comment's public text. */
export const HIDDEN_PHONE = '[số điện thoại đã ẩn]'

/**
 * `text` with the Vietnamese phone numbers in it replaced by HIDDEN_PHONE, and the first of
 * them (E.164), or null. Readers type their number into a comment's text; the portal shows a
 * phone to editors only (Law 91/2025/QH15 on personal data protection), so it moves to the
 * comment's phone. Numbers are found by libphonenumber-js with Vietnam's plan, as the form's
 * phone field reads them. Input: at most a comment's 4,000 characters.
 */
export function hidePhoneNumbers(text: string): { text: string; phone: string | null } {
  const found = findPhoneNumbersInText(text, { defaultCountry: 'VN' }, vietnamPhoneMetadata)
  let out = text
  let phone: string | null = null
  for (const f of [...found].reverse()) {
    const e164 = normalizeVietnamesePhone(text.slice(f.startsAt, f.endsAt))
    if (!e164) continue
    phone = e164
    out = `${out.slice(0, f.startsAt)}${HIDDEN_PHONE}${out.slice(f.endsAt)}`
  }
  return { text: out, phone }
}
