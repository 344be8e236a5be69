// The media library in a dialog: search by file name, pages, thumbnails; choosing an image
// hands it to the caller (the body's "Thư viện ảnh" button and the cover field).

const PAGE_SIZE_LABEL = (page, pages) => `Trang ${page}/${Math.max(pages, 1)}`

let dialog = null
let onChoose = null
let state = { q: '', page: 1 }

function build() {
  dialog = document.createElement('dialog')
  dialog.className = 'media-picker'
  dialog.setAttribute('aria-labelledby', 'media-picker-title')
  dialog.innerHTML = `
    <h2 id="media-picker-title">Chọn ảnh trong thư viện</h2>
    <form method="dialog" class="media-picker-search" role="search">
      <label>Tìm theo tên tệp <input type="search" name="q" autocomplete="off"></label>
      <button type="submit" value="search">Tìm</button>
    </form>
    <p class="media-picker-status" role="status" aria-live="polite"></p>
    <ul class="media-picker-grid"></ul>
    <div class="media-picker-pages">
      <button type="button" data-page="-1">Trang trước</button>
      <span class="media-picker-page"></span>
      <button type="button" data-page="1">Trang sau</button>
    </div>
    <button type="button" class="media-picker-close">Đóng</button>`
  document.body.append(dialog)
  const search = dialog.querySelector('.media-picker-search')
  search.addEventListener('submit', (event) => {
    event.preventDefault()
    state = { q: search.elements.q.value, page: 1 }
    load()
  })
  for (const b of dialog.querySelectorAll('[data-page]')) {
    b.addEventListener('click', () => {
      state.page += Number(b.dataset.page)
      load()
    })
  }
  dialog.querySelector('.media-picker-close').addEventListener('click', () => dialog.close())
}

async function load() {
  const status = dialog.querySelector('.media-picker-status')
  const grid = dialog.querySelector('.media-picker-grid')
  status.textContent = 'Đang tải…'
  let data
  try {
    const params = new URLSearchParams({ q: state.q, page: String(state.page) })
    const res = await fetch(`/admin/media/library.json?${params}`, { credentials: 'same-origin' })
    if (!res.ok) throw new Error(String(res.status))
    data = await res.json()
  } catch {
    status.textContent = 'Không tải được thư viện ảnh. Vui lòng thử lại.'
    return
  }
  const pages = Math.ceil(data.total / data.pageSize)
  grid.replaceChildren(
    ...data.items.map((item) => {
      const li = document.createElement('li')
      const button = document.createElement('button')
      button.type = 'button'
      const img = document.createElement('img')
      img.src = item.thumbnail
      img.alt = ''
      img.width = 160
      img.height = item.width && item.height ? Math.round((160 * item.height) / item.width) : 120
      img.loading = 'lazy'
      const name = document.createElement('span')
      name.textContent = item.fileName
      button.append(img, name)
      button.addEventListener('click', () => {
        dialog.close()
        onChoose?.(item)
      })
      li.append(button)
      return li
    }),
  )
  status.textContent =
    data.total === 0
      ? 'Không có ảnh nào' + (state.q ? ` có tên chứa “${state.q}”.` : '. Hãy tải ảnh lên.')
      : `${data.total} ảnh.`
  dialog.querySelector('.media-picker-page').textContent = PAGE_SIZE_LABEL(data.page, pages)
  dialog.querySelector('[data-page="-1"]').disabled = data.page <= 1
  dialog.querySelector('[data-page="1"]').disabled = data.page >= pages
}

/** Opens the library; `choose({ url, fileName, width, height })` gets the image picked. */
export function pickImage(choose) {
  if (!dialog) build()
  onChoose = choose
  dialog.showModal()
  dialog.querySelector('input[name="q"]').focus()
  load()
}
