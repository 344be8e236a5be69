/**
 * The importer as a Worker, for `npm run import` on local state: the command (Node) starts it
 * in workerd with the local D1 and R2 (scripts/lib/import-worker.ts) and posts it the export's
 * records as JSON; it imports them with the D1 and R2 bindings directly, as the portal uses
 * them, instead of paying a round trip from Node for every statement. Files are asked of the
 * command through the FILES service. Answers NDJSON: `{"progress":…}` lines, then
 * `{"report":…}` or `{"error":…,"report":…}`. Never deployed.
 */
import { createDb } from '../db/client'
import type { ImportProgress } from './context'
import type { UploadsReader } from './media'
import type { ImportReport } from './report'
import { runImport } from './run'
import { uploadPathFor } from './sources/upload-paths'
import type { ImportBundle } from './types'

type Env = { DB: D1Database; MEDIA: R2Bucket; IMAGES: ImagesBinding; FILES: Fetcher }

/** What the command posts: the bundle without its uploadPath, and the run's options. */
export type ImportRequest = {
  bundle: Omit<ImportBundle, 'source'> & { source: Omit<ImportBundle['source'], 'uploadPath'> }
  hasFiles: boolean
  dryRun: boolean
  batchSize?: number
}

/** Dates arrive as ISO strings: back to instants. */
function revive(request: ImportRequest): ImportBundle {
  const at = (v: unknown) => (typeof v === 'string' ? new Date(v) : null)
  const b = request.bundle
  return {
    ...b,
    source: { ...b.source, uploadPath: uploadPathFor(b.source.kind) },
    articles: b.articles.map((a) => ({ ...a, publishedAt: at(a.publishedAt) })),
    comments: b.comments.map((c) => ({ ...c, createdAt: at(c.createdAt) })),
  }
}

function filesOf(env: Env): UploadsReader {
  return {
    read: async (path) => {
      const res = await env.FILES.fetch(`http://files/${encodeURIComponent(path)}`)
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : null
    },
  }
}

export default {
  async fetch(req: Request, env: Env): Promise<Response> {
    const request = (await req.json()) as ImportRequest
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
    const writer = writable.getWriter()
    const encoder = new TextEncoder()
    const line = (value: unknown) => writer.write(encoder.encode(`${JSON.stringify(value)}\n`))
    const work = (async () => {
      try {
        const report = await runImport(createDb(env.DB), revive(request), {
          files: request.hasFiles ? filesOf(env) : null,
          bucket: env.MEDIA,
          images: env.IMAGES,
          dryRun: request.dryRun,
          batchSize: request.batchSize,
          onProgress: (p: ImportProgress) => void line({ progress: p }),
        })
        await line({ report })
      } catch (err) {
        const report = (err as { report?: ImportReport }).report
        await line({ error: err instanceof Error ? err.message : String(err), report })
      } finally {
        await writer.close()
      }
    })()
    // The answer streams while the import runs; the request lives until the stream closes.
    void work
    return new Response(readable, { headers: { 'content-type': 'application/x-ndjson' } })
  },
} satisfies ExportedHandler<Env>
