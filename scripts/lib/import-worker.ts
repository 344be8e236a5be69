/**
 * Runs the importer inside workerd on local state (src/import/worker.ts): esbuild bundles it,
 * Miniflare starts it with the D1 and R2 that `npm start` uses (the same persistence root as
 * wrangler's), and files are served to it from the uploads folder through a service binding.
 * Through wrangler's platform proxy every statement costs Node a round trip into workerd (about
 * 3 ms each, measured by bench/import.ts); here a batch is one call inside workerd.
 */
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { unstable_readConfig } from 'wrangler'
import type { ImportProgress } from '../../src/import/context'
import type { UploadsReader } from '../../src/import/media'
import type { ImportReport } from '../../src/import/report'
import type { ImportBundle } from '../../src/import/types'
import type { ImportRequest } from '../../src/import/worker'

const root = resolve(import.meta.dirname, '../..')

/** The importer's Worker as one ES module (bundled for workerd, as wrangler would). */
async function bundleWorker(): Promise<string> {
  const out = await build({
    entryPoints: [resolve(root, 'src/import/worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2023',
    write: false,
    logLevel: 'silent',
  })
  return out.outputFiles[0]!.text
}

/**
 * The request (ImportRequest) as JSON, written a record at a time: the export is already in
 * memory once, and one string of all of it would hold it a second time (twice its size again
 * in UTF-16).
 */
async function* requestJson(
  bundle: ImportBundle,
  opts: { files: UploadsReader | null; dryRun: boolean; batchSize?: number },
): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder()
  const { uploadPath: _, ...source } = bundle.source
  const head: Omit<ImportRequest, 'bundle'> = {
    hasFiles: opts.files !== null,
    dryRun: opts.dryRun,
    batchSize: opts.batchSize,
  }
  const start = { source, categories: bundle.categories, skipped: bundle.skipped }
  yield encoder.encode(
    `${JSON.stringify(head).slice(0, -1)},"bundle":${JSON.stringify(start).slice(0, -1)}`,
  )
  for (const field of ['articles', 'comments'] as const) {
    yield encoder.encode(`,"${field}":[`)
    const list: readonly unknown[] = bundle[field]
    for (let i = 0; i < list.length; i += 200) {
      const part = list.slice(i, i + 200).map((r) => JSON.stringify(r))
      yield encoder.encode(`${i > 0 ? ',' : ''}${part.join(',')}`)
    }
    yield encoder.encode(']')
  }
  yield encoder.encode('}}')
}

/**
 * Imports `bundle` into the local D1 and R2 under `persistTo` (wrangler's `--persist-to`,
 * `.wrangler/state` by default). Output: the report. Throws an Error carrying the partial report
 * (as runImport does) when the import stopped.
 */
export async function importLocally(
  persistTo: string,
  bundle: ImportBundle,
  opts: {
    files: UploadsReader | null
    dryRun: boolean
    batchSize?: number
    onProgress: (p: ImportProgress) => void
  },
): Promise<ImportReport> {
  const config = unstable_readConfig({ config: resolve(root, 'wrangler.toml') })
  const db = (
    config.d1_databases as { binding: string; database_id?: string; preview_database_id?: string }[]
  ).find((d) => d.binding === 'DB')!
  const bucket = (config.r2_buckets as { binding: string; bucket_name?: string }[]).find(
    (b) => b.binding === 'MEDIA',
  )!
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: resolve(persistTo, 'v3'),
      modules: true,
      script: await bundleWorker(),
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      d1Databases: { DB: db.preview_database_id ?? db.database_id! },
      r2Buckets: { MEDIA: bucket.bucket_name! },
      // Sharp, as under `wrangler dev`: images are decoded and cleaned as uploads are.
      images: { binding: 'IMAGES' },
      serviceBindings: {
        FILES: async (req: Request) => {
          const path = decodeURIComponent(new URL(req.url).pathname.slice(1))
          const bytes = opts.files ? await opts.files.read(path) : null
          return bytes ? new Response(bytes) : new Response(null, { status: 404 })
        },
      },
    }),
  )
  try {
    const res = await mf.dispatchFetch('http://importer/', {
      method: 'POST',
      // undici (under Miniflare) sends an async iterable as a streamed body.
      body: requestJson(bundle, opts) as unknown as ReadableStream,
      duplex: 'half',
    })
    let last: { report?: ImportReport; error?: string } = {}
    let rest = ''
    const decoder = new TextDecoder()
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      rest += decoder.decode(chunk, { stream: true })
      let nl: number
      while ((nl = rest.indexOf('\n')) >= 0) {
        const message = JSON.parse(rest.slice(0, nl)) as typeof last & { progress?: ImportProgress }
        rest = rest.slice(nl + 1)
        if (message.progress) opts.onProgress(message.progress)
        else last = message
      }
    }
    if (last.error !== undefined || !last.report) {
      throw Object.assign(new Error(last.error ?? 'the importer stopped without a report'), {
        report: last.report,
      })
    }
    return last.report
  } finally {
    await mf.dispose()
  }
}
