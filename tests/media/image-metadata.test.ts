/**
 * What is stored of an image: the decoded picture, oriented, without the EXIF (GPS position,
 * camera, owner) it came with, for uploads through the API and for imports; and an imported
 * file that only starts like an image is reported, not stored.
 */
import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { media } from '../../src/db/schema'
import { runImport } from '../../src/import/run'
import type { ImportBundle } from '../../src/import/types'
import { importArticle } from '../fixtures/import-article'
import {
  EXIF_MARKERS,
  JPEG_EXIF_GPS_40X20_ROT6,
  PNG_480X270,
  PNG_EXIF_30X10,
} from '../fixtures/images'
import { get, seedSample, testDb } from '../helpers'

const auth = { authorization: 'Bearer test-admin-token' }
const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('')

/** Which of the fixtures' EXIF texts the bytes still hold. */
const metadataIn = (bytes: Uint8Array) => EXIF_MARKERS.filter((m) => latin1(bytes).includes(m))

async function upload(bytes: Uint8Array, name: string) {
  const form = new FormData()
  form.append('file', new File([bytes], name))
  return get('/api/admin/media', { method: 'POST', headers: auth, body: form })
}

async function served(url: string): Promise<Uint8Array> {
  const res = await get(url)
  expect(res.status, url).toBe(200)
  return new Uint8Array(await res.arrayBuffer())
}

beforeAll(seedSample)

describe('uploaded images', () => {
  it('the fixtures do carry the EXIF the portal must drop', () => {
    expect(metadataIn(JPEG_EXIF_GPS_40X20_ROT6)).toEqual(['PhoneMaker', 'Nguyen Van A', 'Exif\0\0'])
    expect(metadataIn(PNG_EXIF_30X10)).toContain('eXIf')
  })

  it('stores a phone JPEG without its EXIF, turned as its orientation said', async () => {
    const res = await upload(JPEG_EXIF_GPS_40X20_ROT6, 'anh-dien-thoai.jpg')
    expect(res.status).toBe(201)
    const item = (await res.json()) as { url: string; width: number; height: number; size: number }
    // Orientation 6 turns the 40 x 20 stored pixels into a 20 x 40 picture.
    expect([item.width, item.height]).toEqual([20, 40])
    const bytes = await served(item.url)
    expect(metadataIn(bytes)).toEqual([])
    expect(item.size).toBe(bytes.byteLength)
    const info = await env.IMAGES.info(new Blob([bytes]).stream())
    expect(info).toMatchObject({ format: 'image/jpeg', width: 20, height: 40 })
  })

  it('stores a PNG without its eXIf chunk', async () => {
    const res = await upload(PNG_EXIF_30X10, 'so-do.png')
    expect(res.status).toBe(201)
    const item = (await res.json()) as { url: string; width: number; height: number }
    expect([item.width, item.height]).toEqual([30, 10])
    expect(metadataIn(await served(item.url))).toEqual([])
  })
})

const NOW = new Date('2026-11-30T00:00:00Z')

const article = (id: number, bodyHtml: string) =>
  importArticle({
    sourceId: String(id),
    title: `Ảnh nhập ${id}`,
    alias: `anh-nhap-${id}`,
    bodyHtml,
  })

describe('imported images', () => {
  // A valid PNG header (signature and IHDR: 480 x 270) and then junk.
  const junk = new Uint8Array(2_000).map((_, i) => (i * 37) % 251)
  const headerOnly = new Uint8Array([...PNG_480X270.slice(0, 33), ...junk])
  const files: Record<string, Uint8Array> = {
    'news/2024_05/dien-thoai.jpg': JPEG_EXIF_GPS_40X20_ROT6,
    'news/2024_05/hong.png': headerOnly,
  }
  const bundle: ImportBundle = {
    source: {
      kind: 'nukeviet',
      name: 'test:image-metadata',
      uploadPath: (src) => /\/uploads\/(.+)$/.exec(src)?.[1] ?? null,
    },
    categories: [],
    articles: [
      article(1, '<p><img src="/uploads/news/2024_05/dien-thoai.jpg" alt="Ảnh chụp"></p>'),
      article(2, '<p>Chữ.</p><p><img src="/uploads/news/2024_05/hong.png" alt="Hỏng"></p>'),
    ],
    comments: [],
    skipped: [],
  }
  let report: Awaited<ReturnType<typeof runImport>>

  beforeAll(async () => {
    report = await runImport(testDb(), bundle, {
      files: { read: async (path) => files[path] ?? null },
      bucket: env.MEDIA,
      images: env.IMAGES,
      now: NOW,
    })
  })

  it('stores an imported photo without its EXIF, oriented, with its real size', async () => {
    const [row] = await testDb().select().from(media).where(eq(media.fileName, 'dien-thoai.jpg'))
    expect(row).toMatchObject({ width: 20, height: 40 })
    const object = await env.MEDIA.get(row!.key)
    const bytes = new Uint8Array(await object!.arrayBuffer())
    expect(metadataIn(bytes)).toEqual([])
    expect(row!.size).toBe(bytes.byteLength)
  })

  it('reports a file with an image header and junk after it, and stores nothing of it', async () => {
    expect(report.skipped.map((s) => `${s.sourceId}:${s.reason}`)).toContain(
      '/uploads/news/2024_05/hong.png:unreadable image',
    )
    expect(await testDb().select().from(media).where(eq(media.fileName, 'hong.png'))).toEqual([])
  })
})
