// The editor's toolbar: Vietnamese labels, each with its keyboard shortcut in the tooltip, and
// the WAI-ARIA toolbar pattern (one Tab stop; arrow keys, Home and End move between buttons).

/** Enabled in a table only: these buttons are shown only there. */
const inTable = (e) => e.isActive('table')

/** [label, accessible name (holding the label: WCAG 2.5.3), shortcut, run(editor), active(editor)?, enabled(editor)?] */
const BUTTONS = [
  ['Đ', 'Đậm', 'Ctrl+B', (e) => e.chain().focus().toggleBold().run(), (e) => e.isActive('bold')],
  [
    'N',
    'Nghiêng',
    'Ctrl+I',
    (e) => e.chain().focus().toggleItalic().run(),
    (e) => e.isActive('italic'),
  ],
  [
    'H2',
    'H2 – Tiêu đề mục',
    'Ctrl+Alt+2',
    (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    (e) => e.isActive('heading', { level: 2 }),
  ],
  [
    'H3',
    'H3 – Tiêu đề nhỏ',
    'Ctrl+Alt+3',
    (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
    (e) => e.isActive('heading', { level: 3 }),
  ],
  [
    '•',
    'Danh sách',
    'Ctrl+Shift+8',
    (e) => e.chain().focus().toggleBulletList().run(),
    (e) => e.isActive('bulletList'),
  ],
  [
    '1.',
    '1. Danh sách đánh số',
    'Ctrl+Shift+7',
    (e) => e.chain().focus().toggleOrderedList().run(),
    (e) => e.isActive('orderedList'),
  ],
  [
    '“”',
    'Trích dẫn',
    'Ctrl+Shift+B',
    (e) => e.chain().focus().toggleBlockquote().run(),
    (e) => e.isActive('blockquote'),
  ],
  ['Liên kết', 'Chèn hoặc bỏ liên kết', 'Ctrl+K', (e) => editLink(e), (e) => e.isActive('link')],
  [
    'Bảng',
    'Chèn bảng 3 × 3',
    '',
    (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    null,
    (e) => !e.isActive('table'),
  ],
  ['+ Hàng', 'Thêm hàng dưới', '', (e) => e.chain().focus().addRowAfter().run(), null, inTable],
  [
    '+ Cột',
    'Thêm cột bên phải',
    '',
    (e) => e.chain().focus().addColumnAfter().run(),
    null,
    inTable,
  ],
  ['− Hàng', 'Xóa hàng', '', (e) => e.chain().focus().deleteRow().run(), null, inTable],
  ['− Cột', 'Xóa cột', '', (e) => e.chain().focus().deleteColumn().run(), null, inTable],
  ['Xóa bảng', 'Xóa bảng', '', (e) => e.chain().focus().deleteTable().run(), null, inTable],
  ['↶', 'Hoàn tác', 'Ctrl+Z', (e) => e.chain().focus().undo().run(), null, (e) => e.can().undo()],
  [
    '↷',
    'Làm lại',
    'Ctrl+Shift+Z',
    (e) => e.chain().focus().redo().run(),
    null,
    (e) => e.can().redo(),
  ],
]

/**
 * Asks for a link's address and sets it on the selection (an empty answer removes the link).
 * The Link extension refuses addresses the server would not keep (isAllowedUri).
 */
export function editLink(editor) {
  const previous = editor.getAttributes('link').href ?? ''
  const href = window.prompt('Địa chỉ liên kết (https://…, để trống để bỏ liên kết):', previous)
  if (href === null) return true
  const chain = editor.chain().focus().extendMarkRange('link')
  return href.trim() === '' ? chain.unsetLink().run() : chain.setLink({ href: href.trim() }).run()
}

/**
 * The toolbar element for `editor`, with `extra` buttons (already built) at its end. Buttons
 * show their state (aria-pressed) and are disabled where they do nothing.
 */
export function buildToolbar(editor, extra = []) {
  const bar = document.createElement('div')
  bar.className = 'editor-toolbar'
  bar.setAttribute('role', 'toolbar')
  bar.setAttribute('aria-label', 'Định dạng nội dung')
  bar.setAttribute('aria-controls', editor.view.dom.id)
  const buttons = BUTTONS.map(([label, name, shortcut, run, active, enabled]) => {
    const b = document.createElement('button')
    b.type = 'button'
    b.textContent = label
    b.setAttribute('aria-label', name)
    b.title = shortcut ? `${name} (${shortcut})` : name
    if (shortcut) b.setAttribute('aria-keyshortcuts', shortcut.replace('Ctrl', 'Control'))
    b.addEventListener('click', () => run(editor))
    const tableOnly = enabled === inTable
    return { b, active, enabled, tableOnly }
  })
  const all = [...buttons.map((x) => x.b), ...extra]
  bar.append(...all)
  const refresh = () => {
    for (const { b, active, enabled, tableOnly } of buttons) {
      if (active) b.setAttribute('aria-pressed', String(Boolean(active(editor))))
      // The table's own buttons appear only in a table (a shorter toolbar on a phone).
      if (tableOnly) b.hidden = !editor.isActive('table')
      else if (enabled) b.disabled = !enabled(editor)
    }
  }
  editor.on('transaction', refresh)
  refresh()
  // One Tab stop for the whole toolbar; the arrows move within it.
  let current = 0
  const focusable = () => all.filter((b) => !b.disabled && !b.hidden)
  const settle = () => {
    const list = focusable()
    if (!list.includes(all[current])) current = all.indexOf(list[0])
    for (const b of all) b.tabIndex = b === all[current] ? 0 : -1
  }
  editor.on('transaction', settle)
  settle()
  bar.addEventListener('focusin', (event) => {
    if (all.includes(event.target)) {
      current = all.indexOf(event.target)
      settle()
    }
  })
  bar.addEventListener('keydown', (event) => {
    const list = focusable()
    const at = list.indexOf(document.activeElement)
    if (at < 0) return
    const to = {
      ArrowRight: (at + 1) % list.length,
      ArrowLeft: (at - 1 + list.length) % list.length,
      Home: 0,
      End: list.length - 1,
    }[event.key]
    if (to === undefined) return
    event.preventDefault()
    list[to].focus()
  })
  return bar
}
