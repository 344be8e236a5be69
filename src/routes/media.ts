import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { eq } from 'drizzle-orm'
import type { Database } from '../db/client'
import { media } from '../db/schema'
import { parseVariantKey, variantKey, variantWidths } from '../media/image-variants'
import { MEDIA_KEY_SHAPE } from '../media/media-key'
import { makeVariant } from '../media/variants'
import { MEDIA_CACHE_CONTROL } from '../cache/contract'
import { tags } from '../cache/purge'
import { renderPathNotFound } from './errors'

/** `*` or a list of entity tags (`"abc"`, `W/"abc"`), as If-None-Match and If-Match carry them. */
const ENTITY_TAGS = /^(\*|(W\/)?"[\x21\x23-\x7e]*"(\s*,\s*(W\/)?"[\x21\x23-\x7e]*")*)$/

/**
 * The request's preconditions that are well formed. R2 throws on a malformed one (an ETag
 * without quotes, a stray `"`), and a malformed validator is one the client did not send.
 */
function preconditions(request: Headers): Headers {
  const out = new Headers()
  for (const name of ['if-none-match', 'if-match']) {
    const value = request.get(name)?.trim()
    if (value && ENTITY_TAGS.test(value)) out.set(name, value)
  }
  for (const name of ['if-modified-since', 'if-unmodified-since']) {
    const value = request.get(name)
    if (value && !Number.isNaN(Date.parse(value))) out.set(name, value)
  }
  return out
}

/**
 * Makes the WebP copy `variant` names from its original, if the original is an image of ours
 * wider than the copy (variantWidths), and returns it; null otherwise (a 404).
 */
async function missingVariant(
  env: AppEnv['Bindings'],
  db: Database,
  variant: { original: string; width: number },
): Promise<R2ObjectBody | null> {
  const [row] = await db
    .select({ width: media.width })
    .from(media)
    .where(eq(media.key, variant.original))
  if (!row?.width || !variantWidths(row.width).includes(variant.width)) return null
  const original = await env.MEDIA.get(variant.original)
  if (!original) return null
  await makeVariant(env, variant.original, variant.width, () => original.body)
  return env.MEDIA.get(variantKey(variant.original, variant.width))
}

/**
 * `GET /media/:key`: uploaded files from R2. Keys never change content: a year at the edge,
 * tagged for the purge that follows a delete, a day in browsers (MEDIA_CACHE_CONTROL);
 * attachments download under their original names.
 */
export const mediaFiles = new Hono<AppEnv>()

mediaFiles.get('/media/*', async (c) => {
  const url = new URL(c.req.url)
  const spelled = url.pathname.slice('/media/'.length)
  let key: string
  try {
    key = decodeURIComponent(spelled)
  } catch {
    // Broken percent-encoding (`%E0%A4%A`) cannot name one of our keys.
    return renderPathNotFound(c)
  }
  const variant = parseVariantKey(key)
  if (!variant && !MEDIA_KEY_SHAPE.test(key)) return renderPathNotFound(c)
  // One URL per file: another spelling (percent-encoded, or with a query) is sent to it, so no
  // spelling reads R2 or makes a cache entry of its own.
  if (spelled !== key || url.search !== '') return c.redirect(`/media/${key}`, 301)
  let object: R2Object | R2ObjectBody | null = await c.env.MEDIA.get(key, {
    onlyIf: preconditions(c.req.raw.headers),
  })
  // A copy that is not there yet (its making failed at upload): made now, once, from the original.
  if (!object && variant) object = await missingVariant(c.env, c.var.db, variant)
  if (!object) return renderPathNotFound(c)
  const headers = new Headers()
  object.writeHttpMetadata(headers)
  headers.set('ETag', object.httpEtag)
  headers.set('Cache-Control', MEDIA_CACHE_CONTROL)
  // The copies carry their original's tag: deleting it purges them all (routes/purging.ts).
  headers.set('Cache-Tag', tags.media(variant?.original ?? key))
  headers.set('X-Content-Type-Options', 'nosniff')
  // Without a body the precondition in If-None-Match matched: the browser's copy is current.
  if (!('body' in object)) return new Response(null, { status: 304, headers })
  return new Response(object.body, { headers })
})
