/**
 * R2 in a backup: every object's bytes in a file named by the SHA-256 of its key (keys may hold
 * any character; file names then cannot), and one JSON line per object with its key, size,
 * checksum and metadata (content type, disposition, custom metadata such as the file name).
 */
import { createHash } from 'node:crypto'

/** One object as the backup's index records it. */
export type ObjectEntry = {
  key: string
  /** The file under r2/objects/ holding the bytes. */
  file: string
  size: number
  sha256: string
  httpMetadata: R2HTTPMetadata
  customMetadata: Record<string, string>
  uploaded: string
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** Every object in the bucket, page by page (1,000 a page, R2's most). */
export async function* listObjects(bucket: R2Bucket): AsyncGenerator<R2Object> {
  let cursor: string | undefined
  for (;;) {
    const page = await bucket.list({
      cursor,
      limit: 1000,
      include: ['httpMetadata', 'customMetadata'],
    })
    yield* page.objects
    if (!page.truncated) return
    cursor = page.cursor
  }
}

/**
 * Reads one object fully: its bytes and index entry. Throws if it vanished since it was listed
 * (deleted while the backup ran): the caller decides whether that fails the backup.
 */
export async function readObject(
  bucket: R2Bucket,
  key: string,
): Promise<{ entry: ObjectEntry; bytes: Uint8Array }> {
  const body = await bucket.get(key)
  if (!body) throw new Error(`R2 object ${key} disappeared while it was being copied`)
  const bytes = new Uint8Array(await body.arrayBuffer())
  return {
    bytes,
    entry: {
      key,
      file: sha256(new TextEncoder().encode(key)),
      size: bytes.byteLength,
      sha256: sha256(bytes),
      httpMetadata: body.httpMetadata ?? {},
      customMetadata: body.customMetadata ?? {},
      uploaded: body.uploaded.toISOString(),
    },
  }
}

/**
 * Writes one object back with its metadata and reads it back to check size and checksum.
 * Throws if what R2 holds afterwards differs.
 */
export async function writeObject(
  bucket: R2Bucket,
  entry: ObjectEntry,
  bytes: Uint8Array,
): Promise<void> {
  if (sha256(bytes) !== entry.sha256) {
    throw new Error(
      `backup file for ${entry.key} does not match its checksum: the backup is damaged`,
    )
  }
  await bucket.put(entry.key, bytes, {
    httpMetadata: entry.httpMetadata,
    customMetadata: entry.customMetadata,
    sha256: entry.sha256,
  })
  const check = await bucket.get(entry.key)
  const back = check ? new Uint8Array(await check.arrayBuffer()) : null
  if (!back || sha256(back) !== entry.sha256) {
    throw new Error(`R2 object ${entry.key} differs after writing it back`)
  }
}

/** Deletes every object in the bucket (1,000 keys a call). Returns how many were deleted. */
export async function emptyBucket(bucket: R2Bucket): Promise<number> {
  let deleted = 0
  for (;;) {
    const page = await bucket.list({ limit: 1000 })
    if (page.objects.length === 0) return deleted
    await bucket.delete(page.objects.map((o) => o.key))
    deleted += page.objects.length
  }
}
