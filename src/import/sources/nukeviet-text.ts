/**
 * Small text helpers of the NukeViet source (`nukeviet.ts`): reading dump values, undoing
 * NukeViet's HTML escaping of titles, and naming the uploaded file a src points to.
 */
import { decodeEntities } from './xml'
import type { SqlRow } from './sql-dump'

/** A column as text ('' for NULL or a missing column), NFC. */
export function text(row: SqlRow | undefined, column: string): string {
  const v = row?.[column]
  return v === null || v === undefined ? '' : String(v).normalize('NFC')
}

/** A column as a number (0 for NULL, a missing column or text that is not a number). */
export function num(row: SqlRow | undefined, column: string): number {
  const v = row?.[column]
  const n = typeof v === 'number' ? v : Number(v ?? 0)
  return Number.isFinite(n) ? n : 0
}

/**
 * Undoes HTML escaping once. NukeViet's nv_htmlspecialchars (includes/functions.php) writes
 * `&amp;` `&#039;` `&quot;` `&lt;` `&gt;` and numeric references for \ / ( ) * [ ] ! = % ^ : { }
 * ` ~ # (`&#40;`, `&#x3A;`…). Input: text as stored. Output: the text (`&amp;lt;` gives `&lt;`,
 * not `<`), by the same decoder as the other sources (xml.ts).
 */
export { decodeEntities }

/** A title-like column: entities decoded, NFC, trimmed (NukeViet stores them escaped). */
export function plainText(row: SqlRow | undefined, column: string): string {
  return decodeEntities(text(row, column)).normalize('NFC').trim()
}

/** Whether a src is an absolute or protocol-relative URL (NukeViet's nv_is_url). */
export function isUrl(src: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(src)
}

/**
 * The file a src names under NukeViet's uploads folder (NV_UPLOADS_DIR = 'uploads',
 * includes/constants.php). Input: an absolute URL on any host, a protocol-relative URL or a
 * path. Output: the part after the first `/uploads/`, percent-decoded and without query,
 * fragment or repeated slashes (`news/2024_05/a.jpg`); null when there is none, or it is
 * empty or climbs out with `..`.
 */
export function nukevietUploadPath(src: string): string | null {
  let path = src.trim()
  const origin = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/?#]*/i.exec(path)
  if (origin) path = path.slice(origin[0].length)
  else if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return null // data:, mailto:, javascript:…
  path = path.replace(/[?#][\s\S]*$/, '')
  if (!path.startsWith('/')) path = '/' + path
  const at = path.indexOf('/uploads/')
  if (at < 0) return null
  let rest = path.slice(at + '/uploads/'.length)
  try {
    rest = decodeURIComponent(rest)
  } catch {
    // A stray % stays as written.
  }
  const parts = rest.split('/').filter((p) => p !== '' && p !== '.')
  if (parts.length === 0 || parts.some((p) => p === '..' || p.includes('\0'))) return null
  return parts.join('/').normalize('NFC')
}
