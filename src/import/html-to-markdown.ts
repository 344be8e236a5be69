/**
 * HTML from another CMS (NukeViet's bodyhtml, WordPress's post_content, a feed's content) into
 * the Markdown the portal stores. node-html-parser reads the HTML (broken markup included, as a
 * browser would close it) and node-html-markdown writes the Markdown; what the portal then shows
 * is its own renderer's output (src/lib/markdown.ts: raw HTML as text, unsafe addresses
 * dropped), so an imported body is safe by the same rules as one an editor typed.
 */
import { NodeHtmlMarkdown, type TranslatorConfigObject } from 'node-html-markdown'
import { parse, type HTMLElement } from 'node-html-parser'
import { cleanText } from '../lib/text'

/**
 * Elements dropped with everything inside: active content, embedded documents, forms and the
 * document's head. Their text is never an article's text.
 */
const DROPPED = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'svg',
  'math',
  'link',
  'meta',
  'base',
  'head',
  'title',
]

/** What the caller decides for each image and link of a body (see htmlToMarkdown). */
export type BodyAssets = {
  /** The image's address in the portal, and its description; null drops the image. */
  image: (src: string, alt: string) => { src: string; alt: string } | null
  /** The link's address in the portal; null keeps the text without the link. */
  link: (href: string) => string | null
}

/** Markdown-escapes text inside `[…]` (an image's description, a link's text). */
const bracketText = (text: string) => text.replace(/([\\[\]])/g, '\\$1')
/** A destination inside `<…>`: spaces and parentheses are safe there, `<`, `>` and `\` are not. */
const destination = (url: string) => `<${url.replace(/([<>\\])/g, '\\$1')}>`
const titlePart = (title: string) => (title ? ` "${title.replace(/(["\\])/g, '\\$1')}"` : '')

const translators: TranslatorConfigObject = {
  // The link's address as it is, inside `<…>` (node-html-markdown's own writer percent-encodes
  // `_` and `*`, which would change a /media/ key), the text through the library's writers.
  a: ({ node, visitor }) => {
    const href = node.getAttribute('href')
    if (!href) return {}
    return {
      postprocess: ({ content }) => content.replace(/(?:\r?\n)+/g, ' '),
      childTranslators: visitor.instance.aTagTranslators,
      prefix: '[',
      postfix: `](${destination(href)})`,
    }
  },
  img: ({ node }) => {
    const src = node.getAttribute('src') ?? ''
    if (!src) return { ignore: true }
    const alt = cleanText(node.getAttribute('alt') ?? '')
    const title = cleanText(node.getAttribute('title') ?? '')
    return {
      content: `![${bracketText(alt)}](${destination(src)}${titlePart(title)})`,
      recurse: false,
    }
  },
}

const converter = new NodeHtmlMarkdown(
  {
    bulletMarker: '-',
    emDelimiter: '*',
    codeFence: '```',
    maxConsecutiveNewlines: 2,
    useLinkReferenceDefinitions: false,
    useInlineLinks: true,
  },
  translators,
)

/** An `<img>`'s address: `src`, or the lazy-loading `data-src` many themes write. */
export function imageSource(img: HTMLElement): string {
  return (img.getAttribute('src') || img.getAttribute('data-src') || '').trim()
}

/** The `<img>` srcs and `<a>` hrefs of a body, once each, in order: what the caller resolves. */
export function bodyAddresses(html: string): { images: string[]; links: string[] } {
  const root = parse(html, { comment: false })
  const images = new Set<string>()
  const links = new Set<string>()
  for (const img of root.querySelectorAll('img')) {
    const src = imageSource(img)
    if (src) images.add(src)
  }
  for (const a of root.querySelectorAll('a')) {
    const href = (a.getAttribute('href') ?? '').trim()
    if (href) links.add(href)
  }
  return { images: [...images], links: [...links] }
}

/**
 * Converts an imported body to Markdown. Drops DROPPED elements and comments (WordPress block
 * comments among them), every attribute but an image's address, description and caption and a
 * link's address, and asks `assets` what each image and link becomes (the portal's `/media/…`
 * copy of an upload, an address kept, or nothing). A `<figure>`'s `<figcaption>` becomes the
 * image's caption (its Markdown title, which the portal shows as the caption). Output: NFC
 * Markdown, '' for a body with nothing in it.
 */
export function htmlToMarkdown(html: string, assets: BodyAssets): string {
  const root = parse(html.normalize('NFC'), { comment: false })
  for (const el of root.querySelectorAll(DROPPED.join(','))) el.remove()
  for (const figure of root.querySelectorAll('figure')) {
    const caption = figure.querySelector('figcaption')
    const img = figure.querySelector('img')
    if (caption && img) {
      img.setAttribute('title', cleanText(caption.textContent))
      caption.remove()
    }
  }
  for (const img of root.querySelectorAll('img')) {
    const chosen = assets.image(imageSource(img), cleanText(img.getAttribute('alt') ?? ''))
    if (!chosen) {
      img.remove()
      continue
    }
    const title = img.getAttribute('title')
    for (const name of Object.keys(img.attributes)) img.removeAttribute(name)
    img.setAttribute('src', chosen.src)
    img.setAttribute('alt', chosen.alt)
    if (title) img.setAttribute('title', title)
  }
  for (const a of root.querySelectorAll('a')) {
    const href = a.getAttribute('href')?.trim()
    const target = href ? assets.link(href) : null
    if (!target) {
      a.replaceWith(...a.childNodes)
      continue
    }
    for (const name of Object.keys(a.attributes)) a.removeAttribute(name)
    a.setAttribute('href', target)
  }
  return converter.translate(root.toString()).normalize('NFC').trim()
}

/** Plain text of a lead or comment given as HTML (or text): tags dropped, spaces collapsed. */
export function htmlToText(html: string, opts: { multiline?: boolean } = {}): string {
  const root = parse(html.normalize('NFC'), { comment: false })
  for (const el of root.querySelectorAll(DROPPED.join(','))) el.remove()
  if (opts.multiline) {
    for (const br of root.querySelectorAll('br')) br.replaceWith('\n')
    for (const p of root.querySelectorAll('p,div,li')) p.insertAdjacentHTML('afterend', '\n')
  }
  return cleanText(root.textContent, opts)
}
