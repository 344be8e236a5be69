/**
 * One rule for form fields sent more than once (`website=&website=spam`): a field the form
 * declares as a list (check boxes such as `ids`) keeps every value; any other field sent twice
 * makes the whole form invalid, so no check can be skipped by an array where it expects a
 * string. Browsers never repeat a single-valued field, so only scripts meet the refusal. JSON
 * bodies have no repeated keys once parsed; a text field given as an array is refused by its
 * schema.
 *
 * Input: a form as `parseBody({ all: true })` returns it (a repeated field is an array); the
 * names allowed to repeat. Output: the names of the fields that may not repeat but did.
 */
export function repeatedFields(
  form: Record<string, unknown>,
  lists: readonly string[] = [],
): string[] {
  return Object.entries(form)
    .filter(([name, value]) => Array.isArray(value) && !lists.includes(name))
    .map(([name]) => name)
}

/**
 * Bytes one character can take in the worst encoding a form or JSON body can give it: a 4-byte
 * UTF-8 character is 12 bytes URL-encoded (`%F0%9F%98%80`) and 12 in JSON as two `\uXXXX`
 * escapes (RFC 3986 §2.1, RFC 8259 §7).
 */
export const WORST_BYTES_PER_CHARACTER = 12

/**
 * The body limit (bytes) that lets every field hold as many characters as its limit promises:
 * the sum of the fields' character limits in the worst encoding, plus `overhead` bytes for
 * field names, separators and fields without a character limit (a security-code payload).
 */
export function bodyLimitFor(characterLimits: readonly number[], overhead: number): number {
  return characterLimits.reduce((sum, n) => sum + n, 0) * WORST_BYTES_PER_CHARACTER + overhead
}
