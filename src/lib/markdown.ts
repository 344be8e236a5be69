import { Marked } from 'marked'
import { escapeHtml, isSafeUrl } from './html'

/**
 * Markdown for article bodies. Raw HTML in the source is shown as text, never passed through,
 * and links or images with unsafe URLs keep only their text, so the stored HTML needs no
 * further sanitising when it is served.
 */
const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text }) {
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
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : ''
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${titleAttr} loading="lazy" decoding="async">`
    },
  },
})

/** Renders an article body from Markdown to the HTML stored in `body_html`. */
export function renderMarkdown(markdown: string): string {
  return marked.parse(markdown.normalize('NFC')) as string
}
