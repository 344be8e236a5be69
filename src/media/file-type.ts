/** What an uploaded file really is, judged by its first bytes rather than by its name. */
export type DetectedType = { mime: string; ext: string; kind: 'image' | 'attachment' }

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((b, i) => bytes[offset + i] === b)

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

/**
 * Detects JPEG, PNG, GIF and WebP images, and PDF, Word and Excel documents. Office files share
 * containers (OLE for .doc/.xls, ZIP for .docx/.xlsx), so for those the file name's extension
 * picks which one, and only within the matching container.
 */
export function detectFileType(head: Uint8Array, fileName: string): DetectedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg', kind: 'image' }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', ext: 'png', kind: 'image' }
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a')))
    return { mime: 'image/gif', ext: 'gif', kind: 'image' }
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8))
    return { mime: 'image/webp', ext: 'webp', kind: 'image' }
  if (startsWith(head, ascii('%PDF-')))
    return { mime: 'application/pdf', ext: 'pdf', kind: 'attachment' }
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (ext === 'doc') return { mime: 'application/msword', ext, kind: 'attachment' }
    if (ext === 'xls') return { mime: 'application/vnd.ms-excel', ext, kind: 'attachment' }
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext === 'docx')
      return {
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        ext,
        kind: 'attachment',
      }
    if (ext === 'xlsx')
      return {
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ext,
        kind: 'attachment',
      }
  }
  return null
}

/**
 * `fileName` ending in the extension of what the file is (`type`, from its bytes), so what a
 * reader downloads opens as what it is: a different last extension is replaced
 * (`Quyet-dinh.html` → `Quyet-dinh.pdf`, `Thong-bao.pdf.exe` → `Thong-bao.pdf`), a missing one
 * added (`x` → `x.pdf`); `.jpeg` counts as `.jpg`. At most 200 characters.
 */
export function nameForType(fileName: string, type: DetectedType): string {
  const matches = (name: string) => {
    const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase()
    return ext === type.ext || (type.ext === 'jpg' && ext === 'jpeg')
  }
  if (matches(fileName)) return fileName
  // One wrong extension (letters and digits, up to five) is dropped.
  const stem = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[. ]+$/, '') || 'tep-tin'
  if (matches(stem)) return stem
  // At most 200 characters, as safeFileName keeps names.
  return `${stem.slice(0, 200 - type.ext.length - 1)}.${type.ext}`
}
