import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { deleteMedia, listMediaLibrary, uploadMedia } from '../../admin/media'
import { can } from '../../admin/permissions'
import type { AppEnv } from '../../env'
import { MediaPage } from '../../views/admin/media'
import { common, formFields, formRoundTrip, idParam, type Ctx } from './shared'

/** The media library: images for covers and article bodies. */
export const mediaPages = new Hono<AppEnv>()

async function libraryPage(c: Ctx, error?: string, status: ContentfulStatusCode = 200) {
  const q = (c.req.query('q') ?? '').slice(0, 100)
  const raw = c.req.query('page')
  const page = raw && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1
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
    () => deleteMedia(c.env.MEDIA, c.var.db, c.var.principal, idParam(c)),
    () => '/admin/media?ok=deleted',
    (err) => libraryPage(c, err.message, 409),
    [409],
  )
})
