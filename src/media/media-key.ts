/**
 * The shape of the keys uploads get in the MEDIA bucket (`anh/2026/11/<id>.jpg` for images,
 * `tep/…` for attachments; made in src/admin/media.ts): anything else is not ours.
 */
export const MEDIA_KEY_SHAPE = /^(anh|tep)\/\d{4}\/\d{2}\/[A-Za-z0-9_-]{10,40}\.[a-z]{3,4}$/

/** The media key a `/media/<key>` path names, or null when the path names no upload of ours. */
export function mediaKeyOf(path: string): string | null {
  if (!path.startsWith('/media/')) return null
  const key = path.slice('/media/'.length)
  return MEDIA_KEY_SHAPE.test(key) ? key : null
}

/**
 * Whether a URL may be stored as an image address: an absolute `https:` URL without user name
 * or password, or the path of one of our uploads (whether it exists is the caller's check).
 */
export function isImageAddress(url: string): boolean {
  if (mediaKeyOf(url)) return true
  if (!/^https:\/\/[^\s"'<>\\]+$/.test(url)) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}
