/**
 * The shared hostile-input corpus: every input the portal takes is run against each of these
 * (see the hostile-*.test.ts files next to this one). A payload must never give a 500: it gets
 * a clear 4xx, or it is stored and shown exactly as text (Vietnamese in NFD is stored as NFC).
 */

export type PayloadCategory =
  | 'markup'
  | 'url'
  | 'sql'
  | 'fts5'
  | 'traversal'
  | 'size'
  | 'empty'
  | 'control'
  | 'surrogate'
  | 'bidi'
  | 'emoji'
  | 'vietnamese'
  | 'number'
  | 'misc'

export type Payload = { name: string; value: string; category: PayloadCategory }

/** One megabyte of text: more than any field accepts, and than any form body we read. */
export const ONE_MB = 1024 * 1024

/** Vietnamese typed in decomposed form (as some macOS and old Windows keyboards send it). */
export const VIETNAMESE_NFC = 'Nguyễn Thị Thu Hường, đường Trần Hưng Đạo – Tiếng Việt có dấu'
export const VIETNAMESE_NFD = VIETNAMESE_NFC.normalize('NFD')

export const PAYLOADS: readonly Payload[] = [
  // Script and event-handler injection: in element content, in attributes, in raw-text elements.
  { name: 'script tag', value: '<script>alert(1)</script>', category: 'markup' },
  { name: 'img onerror', value: '"><img src=x onerror=alert(1)>', category: 'markup' },
  { name: 'svg onload', value: "<svg/onload=alert('xss')>", category: 'markup' },
  {
    name: 'single-quote attribute break',
    value: "' autofocus onfocus='alert(1)",
    category: 'markup',
  },
  {
    name: 'closing raw-text elements',
    value: '</title></textarea></script><script>alert(1)</script>',
    category: 'markup',
  },
  {
    name: 'entities and templates',
    value: '&lt;script&gt; &amp; &#x3C;b&#x3E; {{7*7}} ${7*7} <!-- -->',
    category: 'markup',
  },
  {
    name: 'markdown with script urls',
    value: '[bấm vào đây](javascript:alert(1)) ![x](x "onerror=alert(1)") <iframe srcdoc=x>',
    category: 'markup',
  },
  {
    // The forms the article editor writes: angle-bracket addresses, captions, tables.
    name: 'editor markdown with hostile addresses and a table',
    value:
      '[a](<javascript:alert(1)>) ![b](<data:image/svg+xml,<svg onload=alert(1)>> "c\\" onerror=x")\n\n| <script>alert(1)</script> | x |\n| --- | --- |\n| [d](&#106;avascript:alert(1)) | <style>*{}</style> |',
    category: 'markup',
  },
  {
    // marked passed the text after an inline <kbd>/<code>/<pre>/<script> through unescaped.
    name: 'markup after an inline kbd tag',
    value:
      'x <kbd> <style/x>*{}</style/x> <img/src=x/onerror=alert(1)> <a/href=//example.org>y</a/x>',
    category: 'markup',
  },
  // Dangerous URLs.
  {
    name: 'javascript url, mixed case and tab',
    value: ' JaVa\tScRiPt:alert(document.cookie)',
    category: 'url',
  },
  {
    name: 'data url',
    value: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    category: 'url',
  },
  // SQL injection.
  {
    name: 'sql tautology and stacked query',
    value: "' OR '1'='1'; DROP TABLE articles; --",
    category: 'sql',
  },
  {
    name: 'sql union and like wildcards',
    value: '%" UNION SELECT name, sql FROM sqlite_master -- _\\',
    category: 'sql',
  },
  // FTS5 query syntax.
  { name: 'fts5 unbalanced quote', value: '"thuong', category: 'fts5' },
  {
    name: 'fts5 operators, column filter and prefix',
    value: '{title lead}: thu* NEAR(thuong tin, 2) OR title:* AND NOT ^x - (',
    category: 'fts5',
  },
  // Path traversal.
  { name: 'dot-dot slash', value: '../../../../etc/passwd', category: 'traversal' },
  { name: 'encoded dot-dot', value: '..%2F..%2F..%2Fetc%2Fpasswd', category: 'traversal' },
  { name: 'backslash dot-dot', value: '..\\..\\windows\\win.ini', category: 'traversal' },
  { name: 'broken percent-encoding', value: '%E0%A4%A%ZZ%', category: 'traversal' },
  // Size.
  { name: '1 MB string', value: 'a'.repeat(ONE_MB), category: 'size' },
  // Empty and whitespace.
  { name: 'empty', value: '', category: 'empty' },
  { name: 'ascii whitespace', value: ' \t \r\n\n\r ', category: 'empty' },
  {
    name: 'unicode spaces and zero-width',
    value: '\u00a0\u2003\u3000\u2028\u2029\u200b\u200c\u200d\ufeff',
    category: 'empty',
  },
  // Null bytes and control characters.
  { name: 'null byte', value: 'a\u0000b', category: 'control' },
  { name: 'null byte only', value: '\u0000', category: 'control' },
  {
    name: 'c0 and c1 controls',
    value: 'x\u0001\u0007\u0008\u000b\u000c\u001b[31m\u001f\u007f\u0080\u0085\u009by',
    category: 'control',
  },
  {
    name: 'crlf header injection',
    value: 'a\r\nSet-Cookie: pwned=1\r\n\r\n<b>',
    category: 'control',
  },
  // Lone surrogates (what a broken client or a cut emoji sends).
  { name: 'lone high surrogate', value: 'a\ud800b', category: 'surrogate' },
  { name: 'lone low surrogates', value: '\udfff x\ude00\ud83d', category: 'surrogate' },
  // Right-to-left overrides and isolates.
  {
    name: 'rtl override, isolates and marks',
    value: 'tệp\u202egpj.exe\u202c \u2066abc\u2069\u2067d\u2068\u200f\u200e',
    category: 'bidi',
  },
  // Emoji and combining marks.
  { name: 'emoji', value: '👍🏽 👨‍👩‍👧‍👦 🇻🇳 ❤️ 𝕋𝕚ế𝕟𝕘 𠀀', category: 'emoji' },
  {
    name: 'stacked combining marks',
    value: 'Z\u0351\u036b\u0343\u036a\u0302a\u0306\u0311l\u0317g\u0335o\u0489',
    category: 'emoji',
  },
  // Vietnamese.
  { name: 'vietnamese nfd', value: VIETNAMESE_NFD, category: 'vietnamese' },
  { name: 'vietnamese nfc', value: VIETNAMESE_NFC, category: 'vietnamese' },
  {
    name: 'vietnamese nfd upper case',
    value: 'ĐẠI HỘI ĐẢNG BỘ HUYỆN THƯỜNG TÍN'.normalize('NFD'),
    category: 'vietnamese',
  },
  // Numbers where text is expected.
  { name: 'negative number', value: '-1', category: 'number' },
  { name: 'float overflow', value: '1e309', category: 'number' },
  // Odd strings.
  { name: 'prototype key', value: '__proto__', category: 'misc' },
  { name: 'format strings', value: '%s%s%n%x %d {0} %(name)s', category: 'misc' },
  { name: 'long vietnamese word', value: 'ệ'.repeat(5000), category: 'misc' },
  {
    // 279 characters: a valid article title, too long for most other fields, and a long slug.
    name: 'long vietnamese sentence',
    value: Array(5)
      .fill('Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020')
      .join(', '),
    category: 'misc',
  },
]

/** Values for numeric inputs (page numbers, ids, positions, categoryId). */
export const NUMBERS: readonly Payload[] = [
  '-1',
  '0',
  '1',
  '1.5',
  '01',
  ' 1',
  '1e3',
  '1e309',
  '99999999999999999999',
  '9007199254740993',
  '10001',
  '0x10',
  'NaN',
  'Infinity',
  'abc',
  '１',
  '١٢٣',
  '',
].map((value) => ({ name: `number ${JSON.stringify(value)}`, value, category: 'number' as const }))

/** Longest payload put in a URL: the edge answers longer URLs (16 KB) with 414 itself. */
export const MAX_URL_PAYLOAD = 4096

export type BytePayload = { name: string; bytes: Uint8Array }

/** Invalid UTF-8, which only a body or a percent-encoded URL can carry. */
export const BYTE_PAYLOADS: readonly BytePayload[] = [
  { name: 'invalid byte ff fe', bytes: new Uint8Array([0x61, 0xff, 0xfe, 0x62]) },
  { name: 'bare continuation bytes', bytes: new Uint8Array([0x80, 0xbf, 0x80]) },
  { name: 'overlong slash', bytes: new Uint8Array([0xc0, 0xaf, 0x2e, 0x2e]) },
  { name: 'overlong null', bytes: new Uint8Array([0xc0, 0x80]) },
  {
    name: 'truncated vietnamese letter',
    bytes: new Uint8Array([0x4e, 0x67, 0x75, 0x79, 0xe1, 0xbb]),
  },
  {
    name: 'encoded surrogate (cesu-8)',
    bytes: new Uint8Array([0xed, 0xa0, 0x80, 0xed, 0xb0, 0x80]),
  },
  { name: 'five-byte sequence', bytes: new Uint8Array([0xf8, 0x88, 0x80, 0x80, 0x80]) },
  { name: 'above U+10FFFF', bytes: new Uint8Array([0xf4, 0x90, 0x80, 0x80]) },
]

/** The invalid UTF-8 also sent percent-encoded in URLs (one of each kind of error). */
export const URL_BYTE_PAYLOADS: readonly BytePayload[] = BYTE_PAYLOADS.filter((b) =>
  [
    'invalid byte ff fe',
    'overlong slash',
    'truncated vietnamese letter',
    'encoded surrogate (cesu-8)',
  ].includes(b.name),
)

/** JSON values that are not strings, for fields of the admin API. */
export const JSON_VALUES: readonly { name: string; value: unknown }[] = [
  { name: 'json null', value: null },
  { name: 'json true', value: true },
  { name: 'json 0', value: 0 },
  { name: 'json 1.5', value: 1.5 },
  { name: 'json 1e300', value: 1e300 },
  { name: 'json empty array', value: [] },
  { name: 'json array of strings', value: ['a', 'b'] },
  { name: 'json object', value: { $gt: '', toString: 'x' } },
]

/** The body bytes of a string that holds invalid UTF-8 at `at` (for form and JSON bodies). */
export function withBytes(before: string, bytes: Uint8Array, after = ''): Uint8Array {
  const enc = new TextEncoder()
  const a = enc.encode(before)
  const b = enc.encode(after)
  const out = new Uint8Array(a.length + bytes.length + b.length)
  out.set(a, 0)
  out.set(bytes, a.length)
  out.set(b, a.length + bytes.length)
  return out
}

/** Lone surrogates replaced by U+FFFD, as a browser does before encoding text as UTF-8. */
export function wellFormed(value: string): string {
  return value.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  )
}

/** A value for a URL path segment or query parameter, percent-encoded as a browser sends it. */
export function urlEncode(value: string): string {
  return encodeURIComponent(wellFormed(value))
}

/** Bytes percent-encoded one by one, for URLs (`%FF%FE`). */
export function percentBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
}

/**
 * A string as an HTTP client puts it in a header: printable ASCII as it is, anything else as
 * percent-encoded UTF-8 (workerd re-encodes non-ASCII header text with a loud warning, so raw
 * UTF-8 headers are sent separately, see RAW_HEADER_VALUES). NUL, CR and LF cannot travel in a
 * header at all and are encoded too. Values are cut to `max` characters: the edge refuses
 * larger headers before a Worker runs.
 */
export function asHeaderValue(value: string, max = 16 * 1024): string {
  return wellFormed(value.slice(0, max))
    .replace(/[^\x20-\x7e\t]+/g, (run) => encodeURIComponent(run))
    .trim()
}

/** Header values with raw non-ASCII text (sent as UTF-8 bytes). */
export const RAW_HEADER_VALUES: readonly Payload[] = [
  {
    name: 'raw vietnamese nfd header',
    value: VIETNAMESE_NFD.slice(0, 24),
    category: 'vietnamese',
  },
  { name: 'raw latin-1 and rtl header', value: 'caf\u00e9 \u00ff a\u202eb', category: 'bidi' },
]

/** Whether every payload category of the brief is in the corpus (checked by the tests). */
export const REQUIRED_CATEGORIES: readonly PayloadCategory[] = [
  'markup',
  'url',
  'sql',
  'fts5',
  'traversal',
  'size',
  'empty',
  'control',
  'surrogate',
  'bidi',
  'emoji',
  'vietnamese',
  'number',
]
