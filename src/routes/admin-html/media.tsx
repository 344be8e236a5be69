import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AdminError } from '../../admin/errors'
import { deleteMedia, listMediaLibrary, uploadMedia } from '../../admin/media'
import { can } from '../../admin/permissions'
import type { AppEnv } from '../../env'
import { MediaPage } from '../../views/admin/media'
import { adminErrorPage, common, formFields, idParam, type Ctx } from './shared'

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
  try {
    const form = await formFields(c)
    const file = Array.isArray(form['file']) ? form['file'][0] : form['file']
    await uploadMedia(c.env, c.var.db, c.var.principal, file, { kind: 'image' })
    return c.redirect('/admin/media?ok=uploaded', 303)
  } catch (err) {
    if (err instanceof AdminError && err.status !== 403) {
      return libraryPage(c, err.message, err.status as ContentfulStatusCode)
    }
    return adminErrorPage(c, err)
  }
})

// An image no article shows (one in use is refused with the articles that show it).
mediaPages.post('/media/:id/delete', async (c) => {
  await formFields(c)
  try {
    await deleteMedia(c.env.MEDIA, c.var.db, c.var.principal, idParam(c))
    return c.redirect('/admin/media?ok=deleted', 303)
  } catch (err) {
    if (err instanceof AdminError && err.status === 409) {
      return libraryPage(c, err.message, 409)
    }
    return adminErrorPage(c, err)
  }
})
