import { Marked, type Token, type Tokens } from 'marked'
import { escapeHtml, isSafeUrl } from './html'
import { ARTICLE_IMAGE_SIZES, srcsetFor } from '../media/image-variants'
import { boundMarkdown } from './markdown-bounds'
import { isBlank } from './text'

/** An image's size in pixels, keyed by its media key (the part of `/media/<key>` after the slash). */
export type ImageSizes = ReadonlyMap<string, { width: number; height: number }>

const MEDIA_PREFIX = '/media/'

const blank = (t: Token) => t.type === 'space' || (t.type === 'text' && t.raw.trim() === '')

/**
 * A paragraph that is only an image, optionally followed on the next line by a caption in
 * italics (`*Ảnh: ...*`, as newsrooms write it): the image and its caption, else null.
 */
function figureParts(tokens: Token[]): { image: Tokens.Image; caption: Token[] } | null {
  const parts = tokens.filter((t) => !blank(t))
  const [first, second, ...rest] = parts
  if (first?.type !== 'image' || rest.length > 0) return null
  if (!second) return { image: first as Tokens.Image, caption: [] }
  if (second.type === 'em') return { image: first as Tokens.Image, caption: [second] }
  return null
}

/**
 * Markdown for article bodies. Raw HTML in the source is shown as text, never passed through
 * (but for a bare `<br>`),
 * and links or images with unsafe URLs keep only their text, so the stored HTML needs no
 * further sanitising when it is served. An image alone in its paragraph becomes a figure whose
 * caption is the image's title (`![alt](src "chú thích")`) or an italic line right under it.
 */
function markdownFor(sizes: ImageSizes) {
  const img = (href: string, text: string, title: string | null) => {
    const titleAttr = title ? ` title="${escapeHtml(title)}"` : ''
    const size = href.startsWith(MEDIA_PREFIX) ? sizes.get(href.slice(MEDIA_PREFIX.length)) : null
    // The real size lets the browser keep the image's box before it loads (no layout shift);
    // CSS caps the width at the column's and keeps the ratio.
    const sizeAttrs = size ? ` width="${size.width}" height="${size.height}"` : ''
    // Its WebP copies, with their real widths, for the browser to choose from.
    const srcset = size ? srcsetFor(href.slice(MEDIA_PREFIX.length), size.width) : ''
    const srcsetAttrs = srcset
      ? ` srcset="${escapeHtml(srcset)}" sizes="${ARTICLE_IMAGE_SIZES}"`
      : ''
    return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${titleAttr}${srcsetAttrs}${sizeAttrs} loading="lazy" decoding="async">`
  }
  return new Marked({
    gfm: true,
    breaks: false,
    async: false,
    // After an inline <kbd>, <code>, <pre> or <script>, marked's lexer marks the following text
    // as already escaped (it expects the raw HTML to be passed through) and its renderer then
    // writes that text as it is. Raw HTML is shown as text here, so that text is escaped too.
    walkTokens(token) {
      if (token.type === 'text' && 'escaped' in token) token.escaped = false
    },
    renderer: {
      html({ text }) {
        // A line break is the one tag kept: the editor writes it for a new line inside a table
        // cell, where Markdown has no other way to say it. It has no attributes to abuse.
        if (/^<br\s*\/?>$/i.test(text.trim())) return '<br>'
        return escapeHtml(text)
      },
      link({ href, title, tokens }) {
        const text = this.parser.parseInline(tokens)
        if (!isSafeUrl(href)) return text
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : ''
        const external = /^https?:/i.test(href) ? ' rel="noopener nofollow"' : ''
        return `<a href="${escapeHtml(href)}"${titleAttr}${external}>${text}</a>`
      },
      image({ href, title, text }) {
        if (!isSafeUrl(href)) return escapeHtml(text)
        return img(href, text, title)
      },
      paragraph({ tokens }) {
        const figure = figureParts(tokens)
        if (!figure || !isSafeUrl(figure.image.href)) {
          return `<p>${this.parser.parseInline(tokens)}</p>\n`
        }
        const { href, text, title } = figure.image
        const caption =
          figure.caption.length > 0
            ? this.parser.parseInline((figure.caption[0] as Tokens.Em).tokens)
            : title
              ? escapeHtml(title)
              : ''
        // A caption that repeats the title attribute would be read twice by screen readers.
        const image = img(href, text, caption && !figure.caption.length ? null : title)
        return `<figure class="body-image">${image}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>\n`
      },
    },
  })
}

const plain = markdownFor(new Map())

/**
 * Renders an article body from Markdown (any normal form) to the HTML stored in `body_html`, NFC.
 * `sizes` gives the width and height of uploaded images the body shows (see bodyImageKeys).
 * Bounded work for any text (boundMarkdown): markers past the bounds are shown as text.
 */
export function renderMarkdown(markdown: string, sizes?: ImageSizes): string {
  const md = sizes && sizes.size > 0 ? markdownFor(sizes) : plain
  return md.parse(boundMarkdown(markdown.normalize('NFC'))) as string
}

/** The tokens of a body, within the renderer's bounds (src/lib/markdown-bounds.ts). */
const lex = (markdown: string) => plain.lexer(boundMarkdown(markdown.normalize('NFC')))

/** The media keys of the uploaded images (`/media/<key>`) a Markdown body shows, once each. */
export function bodyImageKeys(markdown: string): string[] {
  const keys = new Set<string>()
  plain.walkTokens(lex(markdown), (t) => {
    if (t.type === 'image' && t.href.startsWith(MEDIA_PREFIX)) {
      keys.add(t.href.slice(MEDIA_PREFIX.length))
    }
  })
  return [...keys]
}

/**
 * The addresses of the images in a Markdown body whose description (alt) shows nothing
 * (isBlank): every image needs one for readers who cannot see it (WCAG 2.2, 1.1.1).
 */
export function imagesWithoutAlt(markdown: string): string[] {
  const found: string[] = []
  plain.walkTokens(lex(markdown), (t) => {
    if (t.type === 'image' && isBlank(t.text)) found.push(t.href)
  })
  return found
}
