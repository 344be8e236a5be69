/**
 * Cleans text typed by a reader before it is validated and stored: Unicode NFC (so Vietnamese
 * typed in decomposed form is stored like everything else), Windows and old Mac line endings
 * turned into `\n`, control characters other than newlines and tabs removed, bidirectional
 * overrides removed, and surrounding whitespace trimmed.
 */
export function cleanText(input: string, opts: { multiline?: boolean } = {}): string {
  let text = input
    .replace(/\r\n?/g, '\n')
    // Lone surrogates cannot be stored or shown; replace them with U+FFFD like a decoder would.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    // C0/C1 controls except tab and newline, and the bidi overrides/isolates that can disguise text.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    // NFC only now: removing a character between a letter and its mark ("a\u0000\u0301") must
    // still give the composed "á".
    .normalize('NFC')
  if (!opts.multiline) text = text.replace(/\s+/g, ' ')
  return text.trim()
}

/** Length as a reader counts it: code points, not UTF-16 units (an emoji counts once). */
export function textLength(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/**
 * Letters and symbols that show nothing although Unicode does not class them as spaces or
 * format characters: the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the blank Braille
 * pattern (U+2800), used by spam to pass "not empty" checks.
 */
const BLANK_LOOKALIKES = /[\u115f\u1160\u3164\uffa0\u2800]/gu

/**
 * Whether text shows nothing: empty once white space (`\s`, `\p{Zs}`), format characters
 * (`\p{Cf}`: zero-width spaces and joiners, U+2060, bidi marks, U+FEFF), controls, combining
 * marks with no letter (`\p{M}`, which includes variation selectors and U+034F) and blank
 * look-alike letters are removed. Every required text field uses it (`requiredText` in
 * validation.ts). Input: any string; composed letters such as "á" are letters, not marks.
 */
export function isBlank(text: string): boolean {
  return text.replace(/[\s\p{Zs}\p{Cf}\p{Cc}\p{M}]/gu, '').replace(BLANK_LOOKALIKES, '') === ''
}
