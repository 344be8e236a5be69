// The article editor (admin only): TipTap (ProseMirror) over the form's Markdown field. The
// field stays the form's source of truth: the editor shows the body as readers will see it
// (the server's own Markdown renderer, src/lib/markdown.ts) and writes Markdown back on every
// change, so saving, preview, autosave and the JSON API all keep working on Markdown. Without
// this script the plain Markdown field is there as before.
import { Editor, Extension } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import { Placeholder } from '@tiptap/extensions'
import { Markdown } from '@tiptap/markdown'
import StarterKit from '@tiptap/starter-kit'
import { isSafeUrl } from '../../lib/html'
import { renderMarkdown } from '../../lib/markdown'
import { Figure } from './figure.js'
import { CellOfText, HeaderOfText, SafeLink, SafeParagraph } from './markdown-safe.js'
import { pickImage } from './media-picker.js'
import { cleanPastedHtml } from './paste.js'
import { buildToolbar, editLink } from './toolbar.js'
import { imageFiles, uploadImage } from './upload.js'

const textarea = document.querySelector('textarea[data-rich-editor]')
if (textarea) mount(textarea)

/** A line where what happens (uploads, refusals) is said, read out by screen readers. */
function statusLine() {
  const status = document.createElement('p')
  status.className = 'editor-status'
  status.setAttribute('role', 'status')
  status.setAttribute('aria-live', 'polite')
  return status
}

/** A hidden picker of image files; `onFiles(files)` gets what was chosen. */
function imageFileInput(multiple, onFiles) {
  const input = document.createElement('input')
  input.type = 'file'
  input.accept = 'image/jpeg,image/png,image/webp,image/gif'
  input.multiple = multiple
  input.hidden = true
  input.addEventListener('change', () => {
    const files = imageFiles(input.files)
    input.value = ''
    onFiles(files)
  })
  return input
}

/** A button showing `label`, named `name` for assistive technology (it holds the label). */
function button(label, name) {
  const b = document.createElement('button')
  b.type = 'button'
  b.textContent = label
  b.setAttribute('aria-label', name)
  b.title = name
  return b
}

function mount(textarea) {
  const form = textarea.form
  const csrf = () => form.querySelector('input[name="_csrf"]')?.value ?? ''
  const field = textarea.closest('.field')
  const wrapper = document.createElement('div')
  wrapper.className = 'rich-editor'
  const status = statusLine()
  const host = document.createElement('div')
  // Alt text of the selected image: required, asked for right where the image is.
  const altPanel = document.createElement('div')
  altPanel.className = 'figure-panel'
  altPanel.hidden = true
  altPanel.innerHTML = `<label>Mô tả ảnh đang chọn (bắt buộc, cho người không xem được ảnh)
      <input type="text" class="figure-alt" maxlength="300" placeholder="Ví dụ: Quang cảnh hội nghị"></label>
    <p class="hint">Chú thích: gõ ngay dưới ảnh.</p>`
  const altInput = altPanel.querySelector('input')
  const label = document.querySelector(`label[for="${textarea.id}"]`)

  // What the editor last wrote into the field, to tell its own changes from outside ones
  // (an autosaved copy put back by admin.js, or the Markdown view).
  let written = textarea.value
  const write = (editor) => {
    written = editor.getMarkdown()
    textarea.value = written
  }

  const editor = new Editor({
    injectCSS: false, // its rules are in admin.css: no <style> element at run time
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        // Code, strike-through and rules have no buttons but are kept (the server shows them);
        // code blocks and underline are not part of an article.
        codeBlock: false,
        underline: false,
        paragraph: false,
        link: false,
      }),
      SafeParagraph,
      SafeLink.configure({
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        HTMLAttributes: { target: null, rel: null },
        // The same rule as the server's (src/lib/html.ts): nothing else is kept.
        isAllowedUri: (url) => isSafeUrl(url),
      }),
      TableKit.configure({ table: { resizable: false }, tableCell: false, tableHeader: false }),
      CellOfText,
      HeaderOfText,
      Figure,
      Placeholder.configure({
        placeholder: ({ node }) =>
          node.type.name === 'figure'
            ? 'Chú thích ảnh (không bắt buộc)…'
            : 'Nhập nội dung bài viết…',
      }),
      Markdown,
      Extension.create({
        name: 'portalShortcuts',
        addKeyboardShortcuts: () => ({ 'Mod-k': ({ editor }) => editLink(editor) }),
      }),
    ],
    content: renderMarkdown(textarea.value),
    editorProps: {
      attributes: {
        id: `${textarea.id}-editor`,
        class: 'editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        ...(label ? { 'aria-labelledby': (label.id ||= `${textarea.id}-label`) } : {}),
      },
      transformPastedHTML: cleanPastedHtml,
      handlePaste: (view, event) => {
        const files = imageFiles(event.clipboardData?.files)
        if (files.length === 0) return false
        event.preventDefault()
        upload(files, null)
        return true
      },
      handleDrop: (view, event, slice, moved) => {
        const files = imageFiles(event.dataTransfer?.files)
        if (moved || files.length === 0) return false
        event.preventDefault()
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
        upload(files, at ? at.pos : null)
        return true
      },
    },
    onUpdate: ({ editor }) => write(editor),
    // Every change of the document or the selection: the description field follows the image.
    onTransaction: ({ editor }) => showAltPanel(editor),
  })
  host.append(editor.view.dom)

  function selectedFigure(editor) {
    const { selection } = editor.state
    if (selection.node?.type.name === 'figure') return selection.node
    const parent = selection.$from.parent
    return parent.type.name === 'figure' ? parent : null
  }
  function showAltPanel(editor) {
    const figure = selectedFigure(editor)
    altPanel.hidden = !figure
    if (figure && document.activeElement !== altInput) altInput.value = figure.attrs.alt ?? ''
  }
  altInput.addEventListener('input', () => {
    editor.commands.updateAttributes('figure', { alt: altInput.value })
  })

  async function upload(files, pos) {
    // A Markdown table cell holds a line of text; an image there would be lost.
    const $at = pos == null ? editor.state.selection.$from : editor.state.doc.resolve(pos)
    for (let d = $at.depth; d > 0; d--) {
      if ($at.node(d).type.name === 'table') {
        status.textContent =
          'Không chèn được ảnh vào bảng: hãy đặt con trỏ ngoài bảng rồi chèn lại.'
        return
      }
    }
    for (const file of files) {
      status.textContent = `Đang tải ảnh “${file.name}” lên…`
      try {
        const image = await uploadImage(file, csrf())
        insertImage(image, pos)
        status.textContent = `Đã tải ảnh “${image.fileName}” lên. Hãy nhập mô tả ảnh.`
      } catch (err) {
        status.textContent = `Không tải được ảnh “${file.name}”: ${err.message}`
      }
    }
  }
  function insertImage(image, pos) {
    editor
      .chain()
      .focus()
      .insertFigure({ src: image.url, alt: '' }, pos ?? undefined)
      .run()
    // Select the new image, so its description is asked for at once.
    const { doc } = editor.state
    let found = null
    doc.descendants((node, at) => {
      if (node.type.name === 'figure' && node.attrs.src === image.url) found = at
    })
    if (found !== null) editor.commands.setNodeSelection(found)
    showAltPanel(editor)
    altInput.focus()
  }

  // Images: upload (button), from the library, or dropped/pasted into the text.
  const fileInput = imageFileInput(true, (files) => upload(files, null))
  const uploadButton = button('Tải ảnh lên', 'Tải ảnh lên và chèn vào bài (hoặc kéo thả, dán ảnh)')
  uploadButton.addEventListener('click', () => fileInput.click())
  const libraryButton = button('Thư viện ảnh', 'Thư viện ảnh: chèn ảnh đã tải lên')
  libraryButton.addEventListener('click', () => pickImage((image) => insertImage(image, null)))
  // The Markdown itself, for those who prefer it; the editor follows what is typed there.
  const sourceButton = button('Markdown', 'Sửa Markdown trực tiếp')
  sourceButton.setAttribute('aria-pressed', 'false')
  sourceButton.addEventListener('click', () => {
    const showSource = textarea.hidden
    textarea.hidden = !showSource
    host.hidden = showSource
    sourceButton.setAttribute('aria-pressed', String(showSource))
    if (!showSource) follow()
  })
  const toolbar = buildToolbar(editor, [uploadButton, libraryButton, sourceButton])
  // The toolbar and the selected image's description stay in view while the text scrolls.
  const bar = document.createElement('div')
  bar.className = 'editor-bar'
  bar.append(toolbar, altPanel)
  wrapper.append(bar, host, status, fileInput)
  textarea.before(wrapper)
  textarea.hidden = true
  field?.classList.add('has-rich-editor')

  // Text put into the field from outside (the autosaved copy, the Markdown view) is shown.
  function follow() {
    if (textarea.value === written) return
    written = textarea.value
    editor.commands.setContent(renderMarkdown(textarea.value), { emitUpdate: false })
  }
  textarea.addEventListener('input', follow)
  textarea.addEventListener('change', follow)

  coverPicker(csrf)
}

/** The cover field gets the same two ways to choose an image: upload, or the library. */
function coverPicker(csrf) {
  const input = document.querySelector('input[name="coverImage"]')
  if (!input) return
  const status = statusLine()
  const alt = document.querySelector('input[name="coverAlt"]')
  const preview = document.createElement('img')
  preview.className = 'cover-preview'
  preview.alt = ''
  const showPreview = () => {
    const url = input.value.trim()
    preview.hidden = !url || !isSafeUrl(url)
    if (!preview.hidden) preview.src = url
  }
  const choose = (image) => {
    input.value = image.url
    input.dispatchEvent(new Event('input', { bubbles: true }))
    showPreview()
    alt?.focus()
  }
  const fileInput = imageFileInput(false, async ([file]) => {
    if (!file) return
    status.textContent = `Đang tải ảnh đại diện “${file.name}” lên…`
    try {
      choose(await uploadImage(file, csrf()))
      status.textContent = 'Đã tải ảnh đại diện lên. Hãy nhập mô tả ảnh đại diện.'
    } catch (err) {
      status.textContent = `Không tải được ảnh đại diện: ${err.message}`
    }
  })
  const uploadButton = button('Tải ảnh lên', 'Tải ảnh lên làm ảnh đại diện')
  uploadButton.addEventListener('click', () => fileInput.click())
  const libraryButton = button('Chọn trong thư viện', 'Chọn trong thư viện làm ảnh đại diện')
  libraryButton.addEventListener('click', () => pickImage(choose))
  const row = document.createElement('div')
  row.className = 'cover-picker'
  row.append(preview, uploadButton, libraryButton, fileInput)
  input.after(row, status)
  input.addEventListener('change', showPreview)
  showPreview()
}
