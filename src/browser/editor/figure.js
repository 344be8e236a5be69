// An image with its description (alt) and caption: <figure><img><figcaption>. TipTap has no
// figure node of its own. In Markdown it is the portal's figure form, an image alone in its
// paragraph with the caption as its title: ![mô tả](/media/… "Chú thích") (src/lib/markdown.ts).
import { Node } from '@tiptap/core'
import { Fragment } from '@tiptap/pm/model'
import { isSafeUrl } from '../../lib/html'

const imageOf = (el) => (el.tagName === 'IMG' ? el : el.querySelector('img'))

/**
 * The image address when it may be shown: an absolute http(s) address or one on this site
 * (/media/…), by the server's rule too (isSafeUrl); else null. Pasted files (file:///…), inline
 * data and addresses relative to the page they were copied from mean nothing here.
 */
const usableSrc = (el) => {
  const src = imageOf(el)?.getAttribute('src')?.trim() ?? ''
  return /^(https?:\/\/|\/(?![/\\]))/i.test(src) && isSafeUrl(src) ? src : null
}

/** Markdown escapes for the description ([…]) and the caption ("…"). */
const altText = (s) => s.replace(/[\\[\]]/g, '\\$&').replace(/\s+/g, ' ')
const titleText = (s) => s.replace(/[\\"]/g, '\\$&').replace(/\s+/g, ' ')

export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  // The caption, typed under the image; plain text.
  content: 'text*',
  marks: '',
  draggable: true,
  isolating: true,
  addAttributes() {
    return {
      src: { default: null, parseHTML: usableSrc },
      alt: { default: '', parseHTML: (el) => imageOf(el)?.getAttribute('alt') ?? '' },
    }
  },
  parseHTML() {
    return [
      {
        tag: 'figure',
        contentElement: 'figcaption',
        getAttrs: (el) => (usableSrc(el) ? null : false),
      },
      // A bare image (pasted, or shown inline) becomes a figure with an empty caption; its
      // title, as the portal writes captions, becomes the caption.
      {
        tag: 'img[src]',
        getAttrs: (el) => (usableSrc(el) ? null : false),
        getContent: (el, schema) => {
          const title = el.getAttribute('title')?.trim()
          return title ? Fragment.from(schema.text(title)) : Fragment.empty
        },
      },
    ]
  },
  renderHTML({ node }) {
    const { src, alt } = node.attrs
    return ['figure', { class: 'body-image' }, ['img', { src, alt: alt ?? '' }], ['figcaption', 0]]
  },
  renderMarkdown(node) {
    const { src, alt } = node.attrs ?? {}
    if (!src) return ''
    const caption = (node.content ?? [])
      .map((t) => t.text ?? '')
      .join('')
      .trim()
    const title = caption ? ` "${titleText(caption)}"` : ''
    return `![${altText(alt ?? '')}](<${src.replace(/[<>\s]/g, encodeURIComponent)}>${title})`
  },
  addKeyboardShortcuts() {
    return {
      // Enter in a caption starts a new paragraph under the image, as in a word processor.
      Enter: ({ editor }) => {
        const { $from } = editor.state.selection
        if ($from.parent.type.name !== this.name) return false
        const after = $from.after()
        return editor
          .chain()
          .insertContentAt(after, { type: 'paragraph' })
          .setTextSelection(after + 1)
          .scrollIntoView()
          .run()
      },
    }
  },
  addCommands() {
    return {
      /** Inserts an image ({ src, alt, caption }) where the selection is, or at `pos`. */
      insertFigure:
        ({ src, alt = '', caption = '' }, pos) =>
        ({ commands }) => {
          const node = {
            type: this.name,
            attrs: { src, alt },
            content: caption ? [{ type: 'text', text: caption }] : [],
          }
          return pos == null ? commands.insertContent(node) : commands.insertContentAt(pos, node)
        },
    }
  },
})
