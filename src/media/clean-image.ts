/**
 * What is stored of an uploaded or imported image: decoded by the Images binding (the real
 * decoder, so a file that only starts like an image is refused, whatever comes after its header)
 * and written again without its metadata. A phone's JPEG carries EXIF (the GPS position where it
 * was taken, the camera, sometimes the owner's name) and XMP/IPTC; readers download the stored
 * original and `og:image` points at it, so those must not survive. Orientation is applied to the
 * pixels before the EXIF that held it goes, so the picture still stands the right way up.
 */

/** The largest side an image may have, in pixels (a larger one is refused before decoding). */
export const MAX_IMAGE_SIDE = 12_000

/** JPEG quality (1–100) of a re-written JPEG original: close to what a camera writes. */
const JPEG_QUALITY = 90

/** Why an image was not kept: the decoder could not read it, or a side is over MAX_IMAGE_SIDE. */
export class ImageProblem extends Error {
  constructor(readonly reason: 'unreadable' | 'too large') {
    super(reason === 'unreadable' ? 'unreadable image' : 'image too large')
  }
}

/** An image as it is stored: its bytes and its size in pixels as a reader sees it. */
export type CleanImage = { bytes: Uint8Array; width: number; height: number }

async function infoOf(images: ImagesBinding, bytes: Uint8Array) {
  let info: ImageInfoResponse
  try {
    info = await images.info(new Blob([bytes]).stream())
  } catch {
    throw new ImageProblem('unreadable')
  }
  if (!('width' in info) || !info.width || !info.height) throw new ImageProblem('unreadable')
  return { width: info.width, height: info.height }
}

/**
 * `bytes` (a JPEG, PNG or WebP, as detectFileType says in `mime`) decoded and encoded again in
 * the same format by the Images binding, with the EXIF orientation applied and metadata dropped;
 * a GIF is only measured (it carries no EXIF, and re-encoding would lose its frames). Returns the
 * bytes to store and their width and height in pixels (after orientation: a portrait photo
 * stored sideways with orientation 6 comes back taller than wide).
 *
 * Locally the binding is Sharp, which writes no metadata unless asked and orients on input. On
 * Cloudflare the binding's output keeps at most the JPEG copyright field and applies EXIF
 * rotation even when it discards the rest (developers.cloudflare.com/images/transform-images/,
 * option `metadata`, default `copyright` for JPEG, none for PNG and WebP).
 *
 * Throws ImageProblem('unreadable') when the binding cannot decode the file, 'too large' when a
 * side (read from the header, before decoding) is over MAX_IMAGE_SIDE.
 */
export async function cleanImage(
  images: ImagesBinding,
  bytes: Uint8Array,
  mime: string,
): Promise<CleanImage> {
  const declared = await infoOf(images, bytes)
  if (declared.width > MAX_IMAGE_SIDE || declared.height > MAX_IMAGE_SIDE) {
    throw new ImageProblem('too large')
  }
  const format =
    mime === 'image/jpeg' || mime === 'image/png' || mime === 'image/webp' ? mime : null
  if (!format) {
    // A GIF: decode all of it once (a header alone proves nothing), keep the bytes as they are.
    await encode(images, bytes, 'image/png')
    return { bytes, ...declared }
  }
  const out = await encode(images, bytes, format)
  return { bytes: out, ...(await infoOf(images, out)) }
}

async function encode(
  images: ImagesBinding,
  bytes: Uint8Array,
  format: 'image/jpeg' | 'image/png' | 'image/webp',
): Promise<Uint8Array> {
  try {
    const output = await images
      .input(new Blob([bytes]).stream())
      .output({ format, ...(format === 'image/jpeg' && { quality: JPEG_QUALITY }) })
    const res = output.response()
    if (!res.ok) throw new Error(`Images binding answered ${res.status}`)
    return new Uint8Array(await res.arrayBuffer())
  } catch {
    throw new ImageProblem('unreadable')
  }
}
