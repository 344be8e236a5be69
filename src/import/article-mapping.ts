/**
 * One imported article as the portal stores it: the body in Markdown with the old site's uploads
 * replaced by their `/media/…` copies, the lead as text, the cover, the attachments. Reads files
 * (through MediaImport) but writes nothing to D1.
 */
import { isImageAddress } from '../media/media-key'
import { ARTICLE_LIMITS } from '../admin/article-input'
import { cleanText, isBlank, textLength } from '../lib/text'
import { bodyAddresses, htmlToMarkdown, htmlToText } from './html-to-markdown'
import type { ImportedMedia, MediaImport, MediaProblem } from './media'
import { rewriteOldLink, type OldLinks } from './old-links'
import type { ImportWarning } from './report'
import type { ImportArticle, SkippedRecord } from './types'

export type MappedArticle = {
  title: string
  lead: string
  body: string
  author: string
  source: string
  coverImage: string | null
  coverAlt: string
  /** Keys of the attachments (by link or listed) that belong to this article. */
  attachmentKeys: string[]
  /** Width and height of the uploaded images the body shows, by media key. */
  sizes: Map<string, { width: number; height: number }>
}

/** Links kept as they are: web and mail addresses, phone numbers, paths and anchors on the site. */
const SAFE_LINK = /^(?:https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i

const isMedia = (r: ImportedMedia | MediaProblem | null): r is ImportedMedia =>
  r !== null && typeof r === 'object'

/**
 * Maps `a` (see MappedArticle). Problems with files are reported through `skip` (a file not
 * copied: kind 'media', its src) and `warn` (what was done instead); the article itself is
 * always mapped. Links to the old site's own articles and categories become this portal's path
 * of their old address (rewriteOldLink), which redirects to them. Output: the article, or a
 * reason to skip it ('missing title', 'empty body').
 */
export async function mapArticle(
  a: ImportArticle,
  mediaImport: MediaImport,
  oldLinks: OldLinks,
  skip: (s: SkippedRecord) => void,
  warn: (w: ImportWarning) => void,
): Promise<MappedArticle | { skip: string }> {
  const title = cleanText(a.title.normalize('NFC'))
  if (isBlank(title)) return { skip: 'missing title' }
  if (textLength(title) > ARTICLE_LIMITS.title) {
    return { skip: `title longer than ${ARTICLE_LIMITS.title} characters` }
  }
  /** A field cut to the portal's limit (editors could not save it longer), and said so. */
  const fit = (value: string, field: 'lead' | 'author' | 'source') => {
    const max = ARTICLE_LIMITS[field]
    if (textLength(value) <= max) return value
    warn({ kind: 'article', sourceId: a.sourceId, message: `${field} cut to ${max} characters` })
    return `${Array.from(value)
      .slice(0, max - 1)
      .join('')
      .trimEnd()}…`
  }
  const { images, links } = bodyAddresses(a.bodyHtml)
  const resolved = new Map<string, ImportedMedia | MediaProblem | null>()
  for (const src of [...images, ...links, ...a.attachments, ...(a.cover ? [a.cover.src] : [])]) {
    if (!resolved.has(src)) resolved.set(src, await mediaImport.resolve(src))
  }
  const problem = (src: string, r: MediaProblem | null) => {
    skip({ kind: 'media', sourceId: src, reason: r ?? 'neither an upload nor a web address' })
  }
  /**
   * The address an image that was not copied keeps, or null when it is dropped: an https image
   * (the old site may still serve it), an http one as its https address (what a browser asks
   * for on an https page anyway: mixed content is upgraded or blocked), both said so.
   */
  const keptAddress = (src: string, r: ImportedMedia | MediaProblem | null): string | null => {
    const https = /^http:\/\//i.test(src) ? `https://${src.slice(7)}` : src
    // Without an uploads folder the operator chose not to copy files; with one, a file it
    // lacks is missing (the old site's address will not outlive the move).
    if (!isImageAddress(https) || (r !== null && (r !== 'missing file' || mediaImport.hasFolder))) {
      return null
    }
    if (https !== src) {
      warn({ kind: 'media', sourceId: src, message: `http image kept as ${https}` })
    }
    if (r === 'missing file') {
      warn({
        kind: 'media',
        sourceId: src,
        message: 'not in the uploads folder: the image stays on the old site',
      })
    }
    return https
  }
  const sizes = new Map<string, { width: number; height: number }>()
  const attachmentKeys = new Set<string>()
  let undescribed = 0
  const body = htmlToMarkdown(a.bodyHtml, {
    image: (src, alt) => {
      const r = resolved.get(src) ?? null
      const description = alt || title
      if (isMedia(r)) {
        if (r.kind !== 'image') return null
        if (r.width && r.height) sizes.set(r.key, { width: r.width, height: r.height })
        if (!alt) undescribed++
        return { src: r.url, alt: description }
      }
      // Not one of the site's uploads, or no uploads folder given: an https image is kept as
      // an address (the old site may still serve it), and said so.
      const kept = keptAddress(src, r)
      if (kept) {
        if (!alt) undescribed++
        return { src: kept, alt: description }
      }
      problem(src, r)
      return null
    },
    link: (href) => {
      const r = resolved.get(href) ?? null
      if (isMedia(r)) {
        if (r.kind === 'attachment') attachmentKeys.add(r.key)
        return r.url
      }
      const moved = rewriteOldLink(href, oldLinks)
      if (moved) return moved
      const kept = r === null || (r === 'missing file' && !mediaImport.hasFolder)
      return kept && SAFE_LINK.test(href) ? href : null
    },
  })
  if (undescribed > 0) {
    warn({
      kind: 'article',
      sourceId: a.sourceId,
      message: 'image without a description: the title describes it',
    })
  }
  const lead = fit(htmlToText(a.leadHtml), 'lead')
  if (isBlank(body) && isBlank(lead)) return { skip: 'empty body' }
  if (textLength(body) > ARTICLE_LIMITS.body) {
    return { skip: `body longer than ${ARTICLE_LIMITS.body} characters` }
  }
  for (const src of a.attachments) {
    const r = resolved.get(src) ?? null
    if (isMedia(r)) attachmentKeys.add(r.key)
    else problem(src, r)
  }
  let coverImage: string | null = null
  let coverAlt = ''
  if (a.cover) {
    const r = resolved.get(a.cover.src) ?? null
    if (isMedia(r) && r.kind === 'image') coverImage = r.url
    else coverImage = keptAddress(a.cover.src, r)
    if (coverImage === null) problem(a.cover.src, isMedia(r) ? 'unsupported type' : r)
    if (coverImage) coverAlt = cleanText(a.cover.alt.normalize('NFC')) || title
  }
  return {
    title,
    lead,
    body,
    author: fit(cleanText(a.author.normalize('NFC')), 'author'),
    source: fit(cleanText(a.source.normalize('NFC')), 'source'),
    coverImage,
    coverAlt,
    attachmentKeys: [...attachmentKeys],
    sizes,
  }
}
