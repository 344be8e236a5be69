import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AdminError } from '../../admin/errors'
import { listMedia, uploadMedia } from '../../admin/media'
import type { AppEnv } from '../../env'
import { MediaPage } from '../../views/admin/misc'
import { adminErrorPage, common, formFields } from './shared'

/** The media library: images for covers and article bodies. */
export const mediaPages = new Hono<AppEnv>()

mediaPages.get('/media', async (c) =>
  c.html(<MediaPage {...common(c)} items={await listMedia(c.var.db)} />),
)

mediaPages.post('/media', async (c) => {
  try {
    const form = await formFields(c)
    const file = Array.isArray(form['file']) ? form['file'][0] : form['file']
    await uploadMedia(c.env, c.var.db, c.var.principal, file, { kind: 'image' })
    return c.redirect('/admin/media?ok=uploaded', 303)
  } catch (err) {
    if (err instanceof AdminError && err.status !== 403) {
      return c.html(
        <MediaPage {...common(c)} items={await listMedia(c.var.db)} error={err.message} />,
        err.status as ContentfulStatusCode,
      )
    }
    return adminErrorPage(c, err)
  }
})
