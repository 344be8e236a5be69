// The editor's Markdown must mean what the editor shows. TipTap's Markdown writer leaves a few
// things that change meaning when the server reads them again; these extensions write them
// safely. (The server stays safe either way: src/lib/markdown.ts shows raw HTML as text and
// drops unsafe addresses. This is about not changing what an editor wrote.)
import Link from '@tiptap/extension-link'
import Paragraph from '@tiptap/extension-paragraph'
import { TableCell, TableHeader } from '@tiptap/extension-table'

/** An address inside <…>: the characters that would end it, or the line, percent-encoded. */
const destination = (href) => `<${href.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c))}>`
/** A title inside "…": backslashes and quotes escaped, line breaks made spaces. */
const quoted = (text) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\s+/g, ' ')}"`

/** Links as [text](<address> "title"): spaces, parentheses and quotes in either stay inside. */
export const SafeLink = Link.extend({
  renderMarkdown(node, h) {
    const href = node.attrs?.href ?? ''
    const title = node.attrs?.title ?? ''
    return `[${h.renderChildren(node)}](${destination(href)}${title ? ` ${quoted(title)}` : ''})`
  },
})

/**
 * What a line of a paragraph must not start with, unescaped: a list item (`- `, `+ `, `* `,
 * `1. `, `1) `), a heading (`#`), a quote (`>`), a fence, or a setext underline (`===`, `---`).
 * Leading spaces (4 make a code block) mean nothing in a paragraph and are dropped.
 */
function escapeLineStarts(markdown) {
  return markdown
    .split('\n')
    .map((line) =>
      line
        .replace(/^[ \t]+/, '')
        .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
        .replace(/^([-+*])(?=\s|$)/, '\\$1')
        .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
        .replace(/^(>|```|~~~)/, '\\$1')
        .replace(/^(=+|-+)\s*$/, '\\$1'),
    )
    .join('\n')
}

export const SafeParagraph = Paragraph.extend({
  renderMarkdown(node, h, ctx) {
    return escapeLineStarts(Paragraph.config.renderMarkdown(node, h, ctx))
  },
})

// A Markdown table cell holds one line of text: no images, lists or headings, which would be
// lost when the table is written. Line breaks inside a cell are kept (<br>).
export const CellOfText = TableCell.extend({ content: 'paragraph+' })
export const HeaderOfText = TableHeader.extend({ content: 'paragraph+' })
