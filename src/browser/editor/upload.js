// Sends an image to the media library from the article form (the session's CSRF token goes
// with it) and returns what the server stored: { url, fileName, width, height }.

/** Uploads `file`; resolves to the stored image or rejects with the server's message. */
export async function uploadImage(file, csrf) {
  const body = new FormData()
  body.append('_csrf', csrf)
  body.append('file', file)
  let res
  try {
    res = await fetch('/admin/media/upload', { method: 'POST', body, credentials: 'same-origin' })
  } catch {
    throw new Error('Mất kết nối khi tải ảnh lên. Vui lòng thử lại.')
  }
  const type = res.headers.get('content-type') ?? ''
  // Sent to the sign-in page: the session has ended (the page answers 200 with HTML).
  if (res.redirected && new URL(res.url).pathname === '/admin/login') {
    throw new Error(
      'Phiên đăng nhập đã hết. Hãy đăng nhập lại trong một thẻ mới (bài đang viết vẫn được giữ ở đây), rồi tải ảnh lên lại.',
    )
  }
  if (type.includes('json')) {
    const data = await res.json()
    if (res.ok && data.url) return data
    throw new Error(data.error || `Không tải được ảnh (mã ${res.status}).`)
  }
  // Refusals answered before the upload is read: a short text (too large), or a page.
  const text = type.startsWith('text/plain') ? (await res.text()).slice(0, 200) : ''
  if (res.status === 403) {
    throw new Error('Phiên làm việc không hợp lệ. Hãy tải lại trang (bài đang viết được tự lưu).')
  }
  throw new Error(text || `Không tải được ảnh (mã ${res.status}).`)
}

/** The image files among dropped or pasted ones. */
export const imageFiles = (list) => [...(list ?? [])].filter((f) => f.type.startsWith('image/'))
