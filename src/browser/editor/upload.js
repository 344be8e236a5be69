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
  const data = type.includes('json') ? await res.json() : { error: await res.text() }
  if (!res.ok) throw new Error(data.error || `Không tải được ảnh (mã ${res.status}).`)
  return data
}

/** The image files among dropped or pasted ones. */
export const imageFiles = (list) => [...(list ?? [])].filter((f) => f.type.startsWith('image/'))
