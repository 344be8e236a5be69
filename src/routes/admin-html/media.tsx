import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AdminError } from '../../admin/errors'
import { listMediaLibrary, uploadMedia, type UploadedMedia } from '../../admin/media'
import { thumbnailUrl } from '../../media/image-variants'
import { can } from '../../admin/permissions'
import type { AppEnv } from '../../env'
import { MediaPage } from './views/media'
import { idParam, pageParam, textQuery } from '../params'
import { deletingMedia } from '../purging'
import { common, formFields, formRoundTrip, type Ctx } from './shared'

/** The media library: images for covers and article bodies. */
export const mediaPages = new Hono<AppEnv>()

/** Which page of the library a request asks for (`?q=&page=`): the words (≤ 100 chars), ≥ 1. */
function libraryQuery(c: Ctx): { q: string; page: number } {
  return { q: textQuery(c, 'q', 100) ?? '', page: pageParam(c) }
}

async function libraryPage(c: Ctx, error?: string, status: ContentfulStatusCode = 200) {
  const { q, page } = libraryQuery(c)
  const library = await listMediaLibrary(c.var.db, { q, page })
  return c.html(
    <MediaPage
      {...common(c)}
      {...library}
      q={q}
      error={error}
      mayDelete={can(c.var.principal.role, 'media.delete')}
    />,
    status,
  )
}

mediaPages.get('/media', (c) => libraryPage(c))

mediaPages.post('/media', async (c) => {
  const form = await formFields(c)
  const file = Array.isArray(form['file']) ? form['file'][0] : form['file']
  return formRoundTrip(
    c,
    () => uploadMedia(c.env, c.var.db, c.var.principal, file, { kind: 'image' }),
    () => '/admin/media?ok=uploaded',
    (err) => libraryPage(c, err.message, err.status as ContentfulStatusCode),
    // Too large, not an image, nothing chosen.
    [413, 415, 422],
  )
})

// An image no article shows (one in use is refused with the articles that show it).
mediaPages.post('/media/:id/delete', async (c) => {
  await formFields(c)
  return formRoundTrip(
    c,
    () => deletingMedia(c, idParam(c)),
    () => '/admin/media?ok=deleted',
    (err) => libraryPage(c, err.message, 409),
    [409],
  )
})

/** What the article editor needs of an image: address, name, size in pixels, small copy. */
const editorImage = (m: UploadedMedia) => ({
  url: m.url,
  fileName: m.fileName,
  width: m.width,
  height: m.height,
  thumbnail: thumbnailUrl(m),
})

/**
 * The article editor's image picker: one page of the library as JSON,
 * `{ items: [{ url, fileName, width, height, thumbnail }], total, page, pageSize }`.
 */
mediaPages.get('/media/library.json', async (c) => {
  const library = await listMediaLibrary(c.var.db, libraryQuery(c))
  return c.json({ ...library, items: library.items.map(editorImage) })
})

/**
 * The article editor's upload (button, drag and drop, paste): the form's `file` and `_csrf`,
 * the same checks as the library's form; 201 with the image as in library.json, or
 * `{ error }` (Vietnamese) with 413, 415 or 422, which the editor shows as it is.
 */
mediaPages.post('/media/upload', async (c) => {
  const form = await formFields(c)
  const file = Array.isArray(form['file']) ? form['file'][0] : form['file']
  try {
    return c.json(
      editorImage(await uploadMedia(c.env, c.var.db, c.var.principal, file, { kind: 'image' })),
      201,
    )
  } catch (err) {
    if (err instanceof AdminError) {
      return c.json({ error: err.message }, err.status as ContentfulStatusCode)
    }
    throw err
  }
})
