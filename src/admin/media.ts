import { and, count, desc, eq, sql } from 'drizzle-orm'
import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { articles, media, type Media } from '../db/schema'
import { detectFileType, nameForType } from '../media/file-type'
import { hasVariants, VARIANT_WIDTHS, variantKey, variantWidths } from '../media/image-variants'
import { makeVariants } from '../media/variants'
import { cleanImage, ImageProblem, MAX_IMAGE_SIDE, type CleanImage } from '../media/clean-image'
import { randomToken } from '../lib/crypto'
import { cleanText } from '../lib/text'
import { foldVietnamese } from '../lib/slug'
import { mediaUsedBy } from '../db/media-usage'
import { AdminError, forbidden, invalid, notFound } from './errors'
import { can, mayOnArticle, type ArticleForPermission, type Principal } from './permissions'
import { log } from '../lib/log'

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

/** A file name safe to store and to send back in Content-Disposition. */
export function safeFileName(name: string): string {
  const base = cleanText(name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f"]/g, '')
  return (base || 'tep-tin').slice(0, 200)
}

/** `Content-Disposition` that downloads under the original (possibly Vietnamese) name. */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'file'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export type UploadedMedia = Media & { url: string }

/** Where uploads go: the R2 bucket, and the Images binding that decodes and cleans images. */
export type MediaStorage = { MEDIA: R2Bucket; IMAGES: ImagesBinding }

const BROKEN_IMAGE = 'Ảnh bị hỏng hoặc không đọc được: hãy lưu lại ảnh rồi tải lên lần nữa.'

/**
 * The upload as it will be stored (cleanImage: decoded, oriented, without metadata), with its
 * width and height. Raises AdminError 415 for a file the decoder cannot read and 422 for one
 * over MAX_IMAGE_SIDE.
 */
async function storedImage(images: ImagesBinding, file: File, mime: string): Promise<CleanImage> {
  try {
    return await cleanImage(images, new Uint8Array(await file.arrayBuffer()), mime)
  } catch (err) {
    if (!(err instanceof ImageProblem)) throw err
    if (err.reason === 'too large') {
      throw invalid({
        file: `Ảnh quá lớn: mỗi chiều tối đa ${MAX_IMAGE_SIDE.toLocaleString('vi-VN')} điểm ảnh.`,
      })
    }
    throw new AdminError(415, 'unsupported_type', BROKEN_IMAGE, { file: BROKEN_IMAGE })
  }
}

const withUrl = (row: Media): UploadedMedia => ({ ...row, url: `/media/${row.key}` })

/**
 * Stores an upload in R2 after checking what it really is (by its bytes) and its size: images
 * (JPEG, PNG, WebP, GIF, 5 MB, decodable, with their width and height recorded) for covers and
 * Markdown; attachments (PDF, DOC/DOCX, XLS/XLSX, 20 MB) on an article. Returns the stored row
 * with its public URL. Raises AdminError 413 (too large), 415 (not an allowed type or an
 * unreadable image), 422, 403 or 404 (the article of an attachment).
 */
export async function uploadMedia(
  storage: MediaStorage,
  db: Database,
  actor: Principal,
  file: unknown,
  opts: { kind: 'image' | 'attachment'; articleId?: number },
  now = new Date(),
): Promise<UploadedMedia> {
  if (!(file instanceof File)) throw invalid({ file: 'Vui lòng chọn tệp để tải lên.' })
  const max = opts.kind === 'image' ? MAX_IMAGE_BYTES : MAX_ATTACHMENT_BYTES
  if (file.size > max) {
    throw new AdminError(413, 'too_large', `Tệp quá lớn: tối đa ${max / 1024 / 1024} MB.`, {
      file: `Tệp quá lớn: tối đa ${max / 1024 / 1024} MB.`,
    })
  }
  if (file.size === 0) throw invalid({ file: 'Tệp rỗng.' })
  const typedName = safeFileName(file.name)
  const type = detectFileType(new Uint8Array(await file.slice(0, 16).arrayBuffer()), typedName)
  if (!type || type.kind !== opts.kind) {
    const allowed =
      opts.kind === 'image' ? 'JPEG, PNG, WebP hoặc GIF' : 'PDF, DOC, DOCX, XLS hoặc XLSX'
    throw new AdminError(
      415,
      'unsupported_type',
      `Loại tệp không được hỗ trợ: chỉ nhận ${allowed}.`,
      {
        file: `Chỉ nhận ${allowed}.`,
      },
    )
  }
  // Stored and downloaded under a name that says what the bytes are.
  const fileName = nameForType(typedName, type)
  // An image is stored as cleanImage writes it: decoded, oriented, without EXIF (GPS) or XMP.
  const image = type.kind === 'image' ? await storedImage(storage.IMAGES, file, type.mime) : null
  if (opts.kind === 'attachment') {
    if (!opts.articleId) throw invalid({ articleId: 'Tệp đính kèm cần thuộc một bài viết.' })
    const article = await articleForPermission(db, opts.articleId)
    if (!article) throw notFound('Không tìm thấy bài viết.')
    if (!mayOnArticle(actor, 'attach', article, now)) throw forbidden()
  }
  const month = now.toISOString().slice(0, 7).replace('-', '/')
  const key = `${opts.kind === 'image' ? 'anh' : 'tep'}/${month}/${randomToken().slice(0, 22)}.${type.ext}`
  const bucket = storage.MEDIA
  const body = image ? image.bytes : file.stream()
  const size = image ? image.bytes.byteLength : file.size
  await bucket.put(key, body, {
    httpMetadata: {
      contentType: type.mime,
      ...(type.kind === 'attachment' && { contentDisposition: attachmentDisposition(fileName) }),
    },
    customMetadata: { fileName },
  })
  const variants = image && hasVariants(key) ? variantWidths(image.width) : []
  try {
    if (variants.length > 0) {
      await makeVariants(storage, key, image!.width, () => new Blob([image!.bytes]).stream())
    }
  } catch (err) {
    // The page can still show the original, and the media route makes a missing copy when it
    // is first asked for: a failed copy must not fail the upload.
    log.error('image variants failed', { key, error: err })
  }
  try {
    const [[row]] = await db.batch([
      db
        .insert(media)
        .values({
          key,
          kind: type.kind,
          contentType: type.mime,
          size,
          width: image?.width ?? null,
          height: image?.height ?? null,
          fileName,
          nameFolded: foldVietnamese(fileName),
          articleId: opts.articleId ?? null,
          createdAt: now,
          createdBy: actor.name,
        })
        .returning(),
      auditQuery(
        db,
        actor,
        {
          action: 'media.upload',
          targetType: 'media',
          targetId: key,
          detail: { fileName, size },
        },
        now,
      ),
    ])
    return withUrl(row!)
  } catch (err) {
    // Keep R2 and D1 in step: no file without its record.
    await bucket.delete([key, ...variants.map((w) => variantKey(key, w))])
    throw err
  }
}

/** Items on one page of the media library. */
export const MEDIA_PAGE_SIZE = 30

export type LibraryItem = UploadedMedia & { usedBy: { id: number; title: string }[] }

/**
 * One page of the media library, newest first: every upload, or those whose file name contains
 * the words of `q` (folded as public search folds: case, marks, đ = d), each with the articles
 * that show it. Returns the items, the total and the page.
 */
export async function listMediaLibrary(
  db: Database,
  opts: { q?: string; page?: number } = {},
): Promise<{ items: LibraryItem[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, opts.page ?? 1)
  const words = foldVietnamese(cleanText(opts.q ?? ''))
    .split(' ')
    .filter(Boolean)
    .slice(0, 5)
  const where = words.length
    ? and(...words.map((w) => sql`instr(${media.nameFolded}, ${w}) > 0`))
    : undefined
  const [rows, [total]] = await db.batch([
    db
      .select()
      .from(media)
      .where(where)
      .orderBy(desc(media.id))
      .limit(MEDIA_PAGE_SIZE)
      .offset((page - 1) * MEDIA_PAGE_SIZE),
    db.select({ n: count() }).from(media).where(where),
  ])
  const usedBy = await mediaUsedBy(
    db,
    rows.map((r) => r.key),
  )
  return {
    items: rows.map((r) => ({ ...withUrl(r), usedBy: usedBy.get(r.key) ?? [] })),
    total: total?.n ?? 0,
    page,
    pageSize: MEDIA_PAGE_SIZE,
  }
}

/** The newest uploaded images (address and file name), for the article form's cover choice. */
export async function recentImages(
  db: Database,
  limit = 50,
): Promise<{ url: string; fileName: string }[]> {
  const rows = await db
    .select({ key: media.key, fileName: media.fileName })
    .from(media)
    .where(eq(media.kind, 'image'))
    .orderBy(desc(media.id))
    .limit(limit)
  return rows.map((r) => ({ url: `/media/${r.key}`, fileName: r.fileName }))
}

export async function listMedia(db: Database, limit = 100): Promise<UploadedMedia[]> {
  const rows = await db.select().from(media).orderBy(desc(media.id)).limit(limit)
  return rows.map(withUrl)
}

/** What the permission table needs of an article (permissions.ts), or null if there is none. */
async function articleForPermission(
  db: Database,
  id: number,
): Promise<ArticleForPermission | null> {
  const [row] = await db
    .select({
      status: articles.status,
      publishedAt: articles.publishedAt,
      ownerId: articles.ownerId,
    })
    .from(articles)
    .where(eq(articles.id, id))
  return row ?? null
}

/**
 * Deletes a file and its record, if `actor` may: an article's attachment by the article's rules
 * (`detach` in permissions.ts), a library image with `media.delete`. With `opts.articleId`, only
 * an attachment of that article (else 404). Returns the record, so pages that showed it can be
 * purged. Raises AdminError 404 or 403.
 */
export async function deleteMedia(
  bucket: R2Bucket,
  db: Database,
  actor: Principal,
  id: number,
  now = new Date(),
  opts: { articleId?: number } = {},
) {
  const [row] = await db.select().from(media).where(eq(media.id, id))
  if (!row || (opts.articleId !== undefined && row.articleId !== opts.articleId)) {
    throw notFound('Không tìm thấy tệp.')
  }
  // An article's attachment follows the article's rules; a library image needs media.delete.
  if (row.articleId !== null) {
    const article = await articleForPermission(db, row.articleId)
    if (!article || !mayOnArticle(actor, 'detach', article, now)) throw forbidden()
  } else if (!can(actor.role, 'media.delete')) {
    throw forbidden()
  } else {
    const used = (await mediaUsedBy(db, [row.key])).get(row.key) ?? []
    if (used.length > 0) {
      throw new AdminError(
        409,
        'in_use',
        `Ảnh đang được dùng ở ${used.length} bài viết (${used.map((a) => `“${a.title}”`).join(', ')}): gỡ ảnh khỏi các bài đó trước khi xóa.`,
      )
    }
  }
  await db.batch([
    db.delete(media).where(eq(media.id, id)),
    auditQuery(db, actor, { action: 'media.delete', targetType: 'media', targetId: row.key }, now),
  ])
  // With its WebP copies (deleting one that was never made is not an error).
  await bucket.delete([row.key, ...VARIANT_WIDTHS.map((w) => variantKey(row.key, w))])
  return row
}
