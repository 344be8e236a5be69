/**
 * What the XML sources (WordPress WXR, RSS 2.0, Atom 1.0) share: one safely configured
 * fast-xml-parser, readers for the loose objects it returns, and the upload-path rule. No Node
 * APIs: this runs in workerd as well as in Node.
 */
import { decodeHTML } from 'entities'
import { XMLParser } from 'fast-xml-parser'

/**
 * Limits on DOCTYPE entities (fast-xml-parser `processEntities`). Exports and feeds never need
 * them, so a few short ones are tolerated and anything larger is refused with an Error, which
 * stops "billion laughs" style expansion (entities built from entities are not expanded at all).
 */
const ENTITY_LIMITS = {
  enabled: true,
  maxEntityCount: 20,
  maxEntitySize: 1_000,
  maxExpandedLength: 10_000,
}

/** How a document is read (see parseXml). */
export type ParseOptions = {
  /** Tag names that repeat: always read as arrays, even with one element. */
  arrays: readonly string[]
  /** Paths kept as raw markup (stop nodes, e.g. Atom xhtml content). */
  stopNodes?: string[]
  /** Keep CDATA apart (under CDATA) so a reader can tell it from escaped text (see isCdata). */
  keepCdata?: boolean
}

/** Where CDATA sections go when ParseOptions.keepCdata is set. */
const CDATA = '#cdata'

/**
 * Parses an XML document into plain objects. Input: the document and ParseOptions. Output: the
 * tree; CDATA merged into the text unless kept apart, values stay strings, attributes are
 * `@_name`, numeric character references and XML entities are decoded.
 * Errors: throws on DOCTYPE entities past ENTITY_LIMITS or external entities.
 */
export function parseXml(
  xml: string,
  { arrays, stopNodes = [], keepCdata = false }: ParseOptions,
): Record<string, unknown> {
  const repeated = new Set(arrays)
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Numeric references (`&#8217;`) are decoded only with this on (fast-xml-parser v5).
    htmlEntities: true,
    processEntities: ENTITY_LIMITS,
    isArray: (name) => repeated.has(name),
    stopNodes,
    ...(keepCdata ? { cdataPropName: CDATA } : {}),
  })
  const tree: unknown = parser.parse(xml)
  if (!tree || typeof tree !== 'object') throw new Error('Not an XML document')
  return tree as Record<string, unknown>
}

/**
 * Whether the document ends with the closing tag of its root (white space and comments may
 * follow). The parser reads a file cut off between two elements without complaint, so an export
 * cut short by a PHP time-out would otherwise import half a site silently.
 */
export function isComplete(xml: string, root: string): boolean {
  return new RegExp(`</${root}\\s*>(?:\\s|<!--[\\s\\S]*?-->)*$`).test(xml.slice(-65_536))
}

/** The 1-based line of offset `at` in `text`. */
function lineAt(text: string, at: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * Refuses, before parsing, what the parser would read without complaint or with a message that
 * says nothing to an operator: a document whose root is not one of `roots` (Error
 * `notThis`), a file cut short (it does not end with its root's closing tag: a time-out or a
 * full disk during the export), a CDATA section never closed, and a `]]>` outside any CDATA
 * section (XML 1.0 §2.4: not allowed in character data; an exporter that did not split a `]]>`
 * in a post's content, whose text would otherwise be cut and garbled). `label` names the file in
 * messages. Linear in the text. Errors: Error.
 */
export function assertWholeXml(
  xml: string,
  roots: readonly string[],
  label: string,
  notThis: string,
): void {
  // The first element: after the declaration, comments, processing instructions and DOCTYPE.
  const root = /<([A-Za-z_][\w:.-]*)/.exec(
    xml
      .slice(0, 65_536)
      .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, ''),
  )?.[1]
  if (!root || !roots.includes(root)) throw new Error(notThis)
  if (!isComplete(xml, root)) {
    throw new Error(
      `${label} cut short: no closing </${root}> (the file ends at line ${lineAt(xml, xml.length)}). Export it again: the export stopped before the end.`,
    )
  }
  let at = 0
  for (;;) {
    const open = xml.indexOf('<![CDATA[', at)
    const close = xml.indexOf(']]>', at)
    if (close < 0) {
      if (open >= 0) {
        throw new Error(
          `${label} is not well-formed: the CDATA section at line ${lineAt(xml, open)} is never closed.`,
        )
      }
      return
    }
    if (open < 0 || close < open) {
      throw new Error(
        `${label} is not well-formed: "]]>" outside a CDATA section at line ${lineAt(xml, close)} (a text holding "]]>" was not split when exported).`,
      )
    }
    const end = xml.indexOf(']]>', open + 9)
    at = end + 3
  }
}

/** The node as an object (null for text or nothing). */
export function obj(node: unknown): Record<string, unknown> | null {
  return node && typeof node === 'object' && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : null
}

/** Always an array: the repeated elements, one element, or none. */
export function list(node: unknown): unknown[] {
  if (node === undefined || node === null) return []
  return Array.isArray(node) ? node : [node]
}

/** The first element of a possibly repeated one. */
export function first(node: unknown): unknown {
  return list(node)[0]
}

/**
 * The text of an element (its `#text` and CDATA when it has attributes or kept CDATA), NFC; ''
 * when none. Of a repeated element, the first.
 */
export function text(node: unknown): string {
  const value = first(node)
  if (typeof value === 'string') return value.normalize('NFC')
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const o = obj(value)
  if (!o) return ''
  return (text(o['#text']) + list(o[CDATA]).join('')).trim().normalize('NFC')
}

/** Whether an element's text came in CDATA (only when parsed with keepCdata). */
export function isCdata(node: unknown): boolean {
  return obj(first(node))?.[CDATA] !== undefined
}

/** An attribute of an element, NFC; '' when absent. */
export function attr(node: unknown, name: string): string {
  const o = obj(first(node))
  const value = o?.[`@_${name}`]
  return typeof value === 'string' ? value.normalize('NFC').trim() : ''
}

/**
 * Decodes HTML character references once (every HTML5 name and numeric references; a bad code
 * point becomes U+FFFD, an unknown name stays as written), by the `entities` package, the
 * decoder of htmlparser2 and cheerio. For titles and terms WordPress stores escaped.
 */
export function decodeEntities(input: string): string {
  return input.includes('&') ? decodeHTML(input) : input
}

/**
 * The text of a stop node's raw markup as an XML parser would give it: CDATA sections kept as
 * written, entities decoded elsewhere. Input: the raw inner XML. Output: the text, NFC.
 */
export function rawToText(raw: string): string {
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeEntities(part)))
    .join('')
    .trim()
    .normalize('NFC')
}

/**
 * Markup reduced to plain text (tags dropped, entities decoded, white space collapsed, NFC): the
 * importer's one reading of HTML as text, by node-html-parser (html-to-markdown.ts).
 */
export { htmlToText } from '../html-to-markdown'

/** Plain text escaped for use as HTML. */
export function escapeHtml(input: string): string {
  return input.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Whether a string is an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^/\s]/i.test(value)
}

/**
 * The file path a src names, below `marker` in its path when a marker is given (e.g.
 * `/wp-content/uploads/`), else the whole path without the leading slash; percent-decoded.
 * Input: an absolute http(s) URL, a protocol-relative URL or a site path (query and fragment
 * ignored). Output: e.g. `2024/05/anh-1.jpg`; null for other schemes (data:, file:, javascript:),
 * no marker, an empty path, or a path that would climb out (`..`, back slashes, NUL).
 */
export function uploadSubpath(src: string, marker?: string): string | null {
  const value = src.trim()
  if (value === '' || (/^[a-z][a-z0-9+.-]*:/i.test(value) && !isHttpUrl(value))) return null
  let path: string
  try {
    path = new URL(value, 'http://upload.invalid').pathname
  } catch {
    return null
  }
  if (marker) {
    const at = path.indexOf(marker)
    if (at < 0) return null
    path = path.slice(at + marker.length)
  } else {
    path = path.replace(/^\/+/, '')
  }
  try {
    path = decodeURIComponent(path)
  } catch {
    return null
  }
  const segments = path.split('/')
  if (path === '' || /[\\\0]/.test(path)) return null
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null
  return path
}

/**
 * A stable short hash of a text (cyrb53, 53 bits as hex): the id of a feed item that has no
 * guid, id or link, so a later run of the same feed finds the same id.
 */
export function stableHash(input: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0')
}

/** The distinct non-null keys, in order. */
export function distinct(keys: (string | null)[]): string[] {
  return [...new Set(keys.filter((k): k is string => k !== null))]
}
