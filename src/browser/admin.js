// Admin pages: small conveniences on top of forms that work without scripts.

// "Chọn tất cả": ticks or clears every checkbox of the same name in its form. The box is hidden
// in the page and shown here, since it does nothing without this script.
for (const all of document.querySelectorAll('input[data-select-all]')) {
  const form = all.closest('form')
  const boxes = () => [
    ...form.querySelectorAll(`input[type="checkbox"][name="${all.dataset.selectAll}"]`),
  ]
  all.closest('[hidden]')?.removeAttribute('hidden')
  all.addEventListener('change', () => {
    for (const box of boxes()) box.checked = all.checked
  })
  form.addEventListener('change', (event) => {
    if (event.target === all) return
    const ticked = boxes().filter((b) => b.checked).length
    all.checked = ticked === boxes().length
    all.indeterminate = ticked > 0 && ticked < boxes().length
  })
}

// Article form: a copy of what is typed is kept in this browser every few seconds (never sent,
// so the saved or published article is untouched), offered back after a reload or a crash, and
// leaving with unsaved changes asks first.
const AUTOSAVE_EVERY_MS = 3000
const form = document.querySelector('form[data-autosave]')
if (form) {
  const key = `tu-luu:${form.dataset.autosave}`
  const savedAt = Number(form.dataset.savedAt || 0)
  const fields = () =>
    [...form.elements].filter(
      (el) => el.name && el.name !== '_csrf' && el.type !== 'file' && el.type !== 'submit',
    )
  const read = () =>
    Object.fromEntries(
      fields().map((el) => [el.name, el.type === 'checkbox' ? el.checked : el.value]),
    )
  const write = (values) => {
    for (const el of fields()) {
      if (!(el.name in values)) continue
      if (el.type === 'checkbox') el.checked = Boolean(values[el.name])
      else el.value = values[el.name]
      // The rich-text editor (editor.js) shows what is put into the field it writes to.
      el.dispatchEvent(new Event('input', { bubbles: true }))
    }
  }
  const initial = JSON.stringify(read())
  const dirty = () => JSON.stringify(read()) !== initial
  let stored = null
  try {
    stored = JSON.parse(localStorage.getItem(key) || 'null')
  } catch {
    stored = null
  }
  const notice = form.querySelector('.autosave-notice')
  // A copy older than the article's last save was saved (or replaced) since: dropped.
  if (stored && stored.at <= savedAt) {
    localStorage.removeItem(key)
    stored = null
  }
  // Offered only when it is newer than what the server has and differs from it.
  if (stored && JSON.stringify(stored.values) !== initial) {
    const at = new Date(stored.at).toLocaleString('vi-VN')
    notice.querySelector('.autosave-text').textContent =
      `Có bản tự lưu lúc ${at} chưa được lưu vào hệ thống.`
    notice.hidden = false
    notice.querySelector('.autosave-restore').addEventListener('click', () => {
      write(stored.values)
      notice.querySelector('.autosave-text').textContent =
        `Đã đưa bản tự lưu lúc ${at} vào biểu mẫu; bấm Lưu để lưu lại.`
      for (const b of notice.querySelectorAll('button')) b.hidden = true
    })
    notice.querySelector('.autosave-discard').addEventListener('click', () => {
      localStorage.removeItem(key)
      notice.hidden = true
    })
  }
  setInterval(() => {
    if (!dirty()) return
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), values: read() }))
    } catch {
      // Storage full or blocked: the warning on leaving still protects the text.
    }
  }, AUTOSAVE_EVERY_MS)
  let submitting = false
  form.addEventListener('submit', (event) => {
    // The preview button posts the same form to another tab: that is not leaving.
    if (event.submitter?.formAction?.endsWith('/preview')) return
    submitting = true
    // A new article's copy has no later save to compare with; an existing one's is dropped on
    // the next visit once the save is newer than it (above), so a failed save loses nothing.
    if (form.dataset.savedAt === '0') localStorage.removeItem(key)
  })
  window.addEventListener('beforeunload', (event) => {
    if (!submitting && dirty()) event.preventDefault()
  })
}
