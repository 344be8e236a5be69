/**
 * Copies an imported site's uploads (images, attachments) from the folder the operator passes
 * into R2, once each: the same file named by several articles, or by a second run, is the same
 * media item. Files are judged by their bytes (detectFileType); images are decoded and stored
 * without their metadata by the Images binding as uploads are (cleanImage), so a file with a
 * valid header and junk after it is reported, not stored to fail on every page. WebP copies are
 * made later, the first time a page asks for one (src/routes/media.ts).
 */
import type { SQL } from 'drizzle-orm'
import { attachmentDisposition, MAX_ATTACHMENT_BYTES, safeFileName } from '../admin/media'
import type { Database } from '../db/client'
import { importRecords, media } from '../db/schema'
import { cleanImage, ImageProblem } from '../media/clean-image'
import { detectFileType, nameForType } from '../media/file-type'
import { foldVietnamese } from '../lib/slug'
import type { ImportBundle } from './types'

/** The uploads folder of the old site: a file's bytes by its path under it, null when absent. */
export type UploadsReader = { read: (path: string) => Promise<Uint8Array | null> }

/** Who imported media items are recorded as (media.created_by). */
export const IMPORT_ACTOR_NAME = 'Nhập dữ liệu'

export type ImportedMedia = {
  key: string
  url: string
  kind: 'image' | 'attachment'
  width: number | null
  height: number | null
  fileName: string
}

/** Why a file named by an article was not copied. */
export type MediaProblem = 'missing file' | 'unsupported type' | 'too large' | 'unreadable image'

type Pending = ImportedMedia & { path: string; size: number; contentType: string }

const b64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')

/**
 * The media items of one import run: those recorded by earlier runs (`known`, by upload path),
 * those copied in this run and not yet written to D1 (`takePending`), and the problems met.
 */
export class MediaImport {
  private readonly resolved = new Map<string, ImportedMedia | MediaProblem>()
  private pending: Pending[] = []
  /** Bytes copied into R2 by this run. */
  bytes = 0

  /** Whether the operator gave an uploads folder (else files are not copied, only named). */
  get hasFolder(): boolean {
    return this.deps.files !== null
  }

  constructor(
    private readonly deps: {
      source: ImportBundle['source']
      /** Null on a dry run: files are read and checked, nothing is stored. */
      bucket: R2Bucket | null
      /** Decodes and cleans images (cleanImage), on a dry run too. */
      images: ImagesBinding
      files: UploadsReader | null
      /** Media recorded by earlier runs of this source: upload path → what it became. */
      known: Map<string, ImportedMedia>
      now: Date
    },
  ) {}

  /**
   * The portal's copy of the upload `src` names (a `/media/…` item), copying it into R2 the
   * first time; a MediaProblem when the file is missing or not one we keep; null when `src` is
   * not one of the site's uploads (uploadPath gives null).
   */
  async resolve(src: string): Promise<ImportedMedia | MediaProblem | null> {
    const path = this.deps.source.uploadPath(src)
    if (!path) return null
    const known = this.deps.known.get(path) ?? this.resolved.get(path)
    if (known) return known
    const result = await this.copy(path)
    this.resolved.set(path, result)
    return result
  }

  private async copy(path: string): Promise<ImportedMedia | MediaProblem> {
    let bytes = this.deps.files ? await this.deps.files.read(path) : null
    if (!bytes || bytes.length === 0) return 'missing file'
    if (bytes.length > MAX_ATTACHMENT_BYTES) return 'too large'
    const typedName = safeFileName(path)
    const type = detectFileType(bytes.subarray(0, 16), typedName)
    if (!type) return 'unsupported type'
    const fileName = nameForType(typedName, type)
    let width: number | null = null
    let height: number | null = null
    if (type.kind === 'image') {
      try {
        const image = await cleanImage(this.deps.images, bytes, type.mime)
        ;({ bytes, width, height } = image)
      } catch (err) {
        if (!(err instanceof ImageProblem)) throw err
        return err.reason === 'too large' ? 'too large' : 'unreadable image'
      }
    }
    // The same file always gets the same key (from the export's name and the path), so a run
    // that stopped after the copy and before D1 recorded it writes the same object again.
    const digest = await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(`${this.deps.source.name}\u0000${path}`),
    )
    const month = /(\d{4})[/_-](\d{2})\//.exec(path)
    const [year, mm] =
      month && +month[2]! >= 1 && +month[2]! <= 12
        ? [month[1]!, month[2]!]
        : [
            String(this.deps.now.getUTCFullYear()),
            String(this.deps.now.getUTCMonth() + 1).padStart(2, '0'),
          ]
    const key = `${type.kind === 'image' ? 'anh' : 'tep'}/${year}/${mm}/${b64url(digest).slice(0, 22)}.${type.ext}`
    if (this.deps.bucket) {
      await this.deps.bucket.put(key, bytes, {
        httpMetadata: {
          contentType: type.mime,
          ...(type.kind === 'attachment' && {
            contentDisposition: attachmentDisposition(fileName),
          }),
        },
        customMetadata: { fileName },
      })
    }
    this.bytes += bytes.length
    const item: Pending = {
      key,
      url: `/media/${key}`,
      kind: type.kind,
      width,
      height,
      fileName,
      path,
      size: bytes.length,
      contentType: type.mime,
    }
    this.pending.push(item)
    return item
  }

  /**
   * The statements that record the files copied since the last call (media rows and their
   * import records), for the batch of the articles that use them. `articleIdOf(key)` gives the
   * article an attachment belongs to (an id or a subquery), or null.
   */
  takePending(db: Database, articleIdOf: (key: string) => number | SQL | null) {
    const items = this.pending
    this.pending = []
    return {
      items,
      statements: items.flatMap((m) => [
        db
          .insert(media)
          .values({
            key: m.key,
            kind: m.kind,
            contentType: m.contentType,
            size: m.size,
            width: m.width,
            height: m.height,
            fileName: m.fileName,
            nameFolded: foldVietnamese(m.fileName),
            articleId: m.kind === 'attachment' ? articleIdOf(m.key) : null,
            createdAt: this.deps.now,
            createdBy: IMPORT_ACTOR_NAME,
          })
          .onConflictDoNothing(),
        db
          .insert(importRecords)
          .values({
            source: this.deps.source.name,
            kind: 'media',
            sourceId: m.path,
            targetId: m.key,
            checksum: String(m.size),
            importedAt: this.deps.now,
          })
          .onConflictDoNothing(),
      ]),
    }
  }

  /** Marks items as recorded in D1 (after their batch succeeded). */
  commit(items: Pending[]) {
    for (const m of items) this.deps.known.set(m.path, m)
  }

  /** Puts items back to be recorded with the next batch (their batch failed). */
  restore(items: Pending[]) {
    this.pending.unshift(...items)
  }
}
