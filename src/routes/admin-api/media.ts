import { Hono } from 'hono'
import { requirePermission } from '../../admin/gate'
import { deleteMedia, listMedia, uploadMedia } from '../../admin/media'
import type { AppEnv } from '../../env'
import { idParam } from '../params'
import { purgeArticleById, purgeMediaFiles } from '../purging'
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
  const row = await deleteMedia(c.env.MEDIA, c.var.db, c.var.principal, idParam(c))
  await purgeMediaFiles(c, [row.key])
  // An attachment is listed on its article's page, which must not link to a file now gone.
  if (row.articleId !== null) await purgeArticleById(c, row.articleId)
  return c.body(null, 204)
})
