import { Hono } from 'hono'
import { requirePermission } from '../../admin/gate'
import { listMedia, uploadMedia } from '../../admin/media'
import type { AppEnv } from '../../env'
import { idParam } from '../params'
import { deletingMedia } from '../purging'
import { uploadLimit, uploadedFile } from './input'

/** The media library in the JSON admin API (under `/api/admin`): list, upload, delete. */
export const mediaApi = new Hono<AppEnv>()

mediaApi.get('/media', requirePermission('media.write'), async (c) =>
  c.json({ items: await listMedia(c.var.db) }),
)

mediaApi.post('/media', requirePermission('media.write'), uploadLimit, async (c) => {
  const file = await uploadedFile(c)
  return c.json(await uploadMedia(c.env, c.var.db, c.var.principal, file, { kind: 'image' }), 201)
})

mediaApi.delete('/media/:id', requirePermission('media.write'), async (c) => {
  // An attachment's article page is purged too: it must not link to a file now gone.
  await deletingMedia(c, idParam(c))
  return c.body(null, 204)
})
