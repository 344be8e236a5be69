import { variantKey, variantWidths } from './image-variants'

/** What making copies needs: the bucket and the Images binding. */
export type VariantStorage = { MEDIA: R2Bucket; IMAGES: ImagesBinding }

/** WebP quality of the copies (1–100): about a third of a JPEG's bytes at this size. */
const QUALITY = 80

/**
 * Makes the WebP copy of an image at one width with the Images binding (Sharp under
 * `wrangler dev`) and stores it in R2 under variantKey. `source` gives the original's bytes
 * each time it is called. Returns the stored object. Throws what the binding or R2 throws.
 */
export async function makeVariant(
  storage: VariantStorage,
  key: string,
  width: number,
  source: () => ReadableStream<Uint8Array>,
): Promise<R2Object> {
  const output = await storage.IMAGES.input(source())
    .transform({ width })
    .output({ format: 'image/webp', quality: QUALITY })
  // Bytes, not the stream: R2 needs the length of what it stores, which the stream does not carry.
  const bytes = await output.response().arrayBuffer()
  const object = await storage.MEDIA.put(variantKey(key, width), bytes, {
    httpMetadata: { contentType: 'image/webp' },
  })
  if (!object) throw new Error(`R2 refused ${variantKey(key, width)}`)
  return object
}

/**
 * Makes every copy an image `width` pixels wide gets (variantWidths), one after another so a
 * large upload never holds several decoded copies at once. Returns the widths made.
 */
export async function makeVariants(
  storage: VariantStorage,
  key: string,
  width: number,
  source: () => ReadableStream<Uint8Array>,
): Promise<number[]> {
  const widths = variantWidths(width)
  for (const w of widths) await makeVariant(storage, key, w, source)
  return widths
}
