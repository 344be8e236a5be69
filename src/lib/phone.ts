/**
 * Normalises a Vietnamese phone number to its national form `0xxxxxxxxx`: accepts `0` and nine
 * digits or `+84` (or `84`) and nine digits, with spaces, dots, dashes and brackets between
 * digits. Returns null when the input is not such a number.
 */
export function normalizeVietnamesePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '')
  const match = /^(?:\+84|84|0)([1-9]\d{8})$/.exec(compact)
  return match ? `0${match[1]}` : null
}
