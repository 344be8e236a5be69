/**
 * The text of an XML export (WordPress WXR, RSS, Atom) from its bytes, in the encoding it is
 * written in. Vietnamese sites still have files in Windows-1258 and TCVN3 (ABC), and older
 * feeds in ISO-8859-1; read as UTF-8 they come in as U+FFFD and mojibake, titles and slugs
 * included. Decoding is iconv-lite's (the decoder of body-parser and Express; it has TCVN3,
 * which the WHATWG encodings lack). Runs where the import command reads files (Node).
 */
import iconv from 'iconv-lite'

/** The encodings an export may be read in, by the labels files and operators use. */
const LABELS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'iso-8859-1': 'iso-8859-1',
  'iso8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'windows-1258': 'windows-1258',
  cp1258: 'windows-1258',
  tcvn: 'tcvn',
  tcvn3: 'tcvn',
  'tcvn-3': 'tcvn',
  tcvn5712: 'tcvn',
  'tcvn-5712': 'tcvn',
  'tcvn5712-1': 'tcvn',
  vn3: 'tcvn',
  abc: 'tcvn',
  'x-viet-tcvn5712': 'tcvn',
  viscii: 'viscii',
}

/** The labels `--encoding` accepts, for messages. */
export const ENCODING_NAMES = ['utf-8', 'windows-1258', 'tcvn3', 'iso-8859-1', 'windows-1252']

/** Why a file could not be read as text: the message says what to do. */
export class ExportEncodingError extends Error {}

/** The encoding the XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`). */
export function declaredEncoding(head: Uint8Array): string | null {
  const start = new TextDecoder('windows-1252').decode(head.subarray(0, 1024))
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(start)?.[1] ?? null
}

/** Line and column (1-based) of byte `offset` of `bytes`, counting lines by LF. */
function lineOf(bytes: Uint8Array, offset: number): string {
  let line = 1
  let lastNl = -1
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lastNl = i
    }
  }
  return `line ${line}, column ${offset - lastNl}`
}

/** The offset of the first byte that breaks UTF-8, or -1 (WHATWG's decoder, fatal). */
function firstBadUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
    return -1
  } catch {
    // Find it: halve the prefix that still fails (each check is linear; ~log2(n) checks).
    let lo = 0
    let hi = bytes.length
    while (hi - lo > 4) {
      const mid = (lo + hi) >> 1
      try {
        new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.subarray(0, mid), {
          stream: true,
        })
        lo = mid
      } catch {
        hi = mid
      }
    }
    return lo
  }
}

/**
 * The export's text and the encoding it was read in. The encoding is, in order: `override` (the
 * operator's `--encoding`), a byte-order mark, the XML declaration's `encoding`, else UTF-8 (XML
 * 1.0 §4.3.3: without a declaration or BOM a document is UTF-8). Output: `{ text, encoding }`,
 * the text without its BOM. Errors: ExportEncodingError for an encoding not in LABELS, and for a
 * file read as UTF-8 whose bytes are not UTF-8 (an undeclared Latin-1, Windows-1258 or TCVN3
 * file is refused, naming the place and the option, instead of coming in as mojibake).
 */
export function decodeExport(
  bytes: Uint8Array,
  override?: string,
): { text: string; encoding: string } {
  const bom =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      ? 'utf-8'
      : bytes[0] === 0xff && bytes[1] === 0xfe
        ? 'utf-16le'
        : bytes[0] === 0xfe && bytes[1] === 0xff
          ? 'utf-16be'
          : null
  const declared = bom ? null : declaredEncoding(bytes)
  const label = override ?? bom ?? declared ?? 'utf-8'
  const encoding = LABELS[label.toLowerCase()]
  if (!encoding) {
    throw new ExportEncodingError(
      `${override ? '--encoding' : 'The file declares the encoding'} "${label}", which the importer does not read: use one of ${ENCODING_NAMES.join(', ')}.`,
    )
  }
  if (encoding !== 'utf-8') {
    return { text: iconv.decode(bytes, encoding), encoding }
  }
  const body = bom === 'utf-8' ? bytes.subarray(3) : bytes
  const bad = firstBadUtf8(body)
  if (bad >= 0) {
    const where = lineOf(body, bad)
    throw new ExportEncodingError(
      override || declared
        ? `The file is read as UTF-8 but is not UTF-8 at ${where}: name its real encoding with --encoding (${ENCODING_NAMES.join(', ')}).`
        : `The file declares no encoding and is not UTF-8 at ${where}: it is probably Windows-1258, TCVN3 or ISO-8859-1. Name it with --encoding (${ENCODING_NAMES.join(', ')}).`,
    )
  }
  return { text: new TextDecoder('utf-8').decode(body), encoding }
}
