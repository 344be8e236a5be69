/**
 * Each source's rule for which addresses name one of the old site's uploads, by kind: what a
 * bundle sent as JSON (to the importer running in workerd, scripts/lib/import-worker.ts) gets
 * back, since a function does not travel in JSON.
 */
import type { SourceKind } from '../types'
import { nukevietUploadPath } from './nukeviet-text'
import { uploadSubpath } from './xml'

/** Where WordPress keeps uploaded files, on any host (wp_upload_dir's default base). */
export const WORDPRESS_UPLOADS = '/wp-content/uploads/'

/** The uploadPath of ImportBundle.source for a source kind. */
export function uploadPathFor(kind: SourceKind): (src: string) => string | null {
  switch (kind) {
    case 'nukeviet':
      return nukevietUploadPath
    case 'wordpress':
      return (src) => uploadSubpath(src, WORDPRESS_UPLOADS)
    case 'feed':
      return (src) => uploadSubpath(src)
  }
}
