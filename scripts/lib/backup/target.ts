/**
 * Where a backup is read from or restored to: the local D1 and R2 that `npm start` and
 * `wrangler dev` use (`--local`, optionally `--persist-to DIR` as wrangler takes it), or an
 * environment's real D1 and R2 (`--env staging|production`, through wrangler's remote bindings,
 * which need `wrangler login` or CLOUDFLARE_API_TOKEN).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { getPlatformProxy, unstable_readConfig } from 'wrangler'

export type TargetSpec =
  { kind: 'local'; persistTo: string } | { kind: 'remote'; env: 'staging' | 'production' }

export type OpenTarget = {
  spec: TargetSpec
  DB: D1Database
  MEDIA: R2Bucket
  /** The Images binding, always Sharp on this machine (an import cleans images before storing). */
  IMAGES: ImagesBinding
  /** A short name for file names and messages: `local`, `staging`, `production`. */
  label: string
  /** The public origin of the environment (SITE_URL), for the cache purge after a restore. */
  siteUrl: string
  close: () => Promise<void>
}

const root = resolve(import.meta.dirname, '../../..')

/** The command-line options that choose a target (node:util parseArgs), for targetSpec. */
export const TARGET_OPTIONS = {
  local: { type: 'boolean' },
  env: { type: 'string' },
  'persist-to': { type: 'string' },
} as const

/** Local state as wrangler keeps it: `.wrangler/state` unless `--persist-to` says otherwise. */
export function localState(persistTo?: string): string {
  return resolve(root, persistTo ?? '.wrangler/state')
}

/**
 * Reads `--local`, `--persist-to DIR` and `--env NAME` from parsed options; local is the default.
 * Throws an Error with a message for the operator on an unknown environment or a mix of both.
 */
export function targetSpec(opts: {
  local?: boolean
  env?: string
  'persist-to'?: string
}): TargetSpec {
  if (opts.env !== undefined) {
    if (opts.local) throw new Error('Choose --local or --env, not both.')
    if (opts.env !== 'staging' && opts.env !== 'production') {
      throw new Error(`Unknown environment ${JSON.stringify(opts.env)}: use staging or production.`)
    }
    return { kind: 'remote', env: opts.env }
  }
  return { kind: 'local', persistTo: localState(opts['persist-to']) }
}

/** Opens the target's DB and MEDIA bindings through wrangler's platform proxy. */
export async function openTarget(spec: TargetSpec): Promise<OpenTarget> {
  // Locally the proxy warns that the worker's Durable Objects are not bound here (they are not
  // needed). Remotely wrangler's messages stay: they include its login prompt.
  if (spec.kind === 'local') process.env.WRANGLER_LOG ??= 'error'
  const config = unstable_readConfig({
    config: resolve(root, 'wrangler.toml'),
    env: spec.kind === 'remote' ? spec.env : undefined,
  })
  const siteUrl = String((config.vars as Record<string, unknown>).SITE_URL ?? '')
  if (spec.kind === 'local') {
    const proxy = await getPlatformProxy<Bindings>({
      configPath: resolve(root, 'wrangler.toml'),
      persist: { path: resolve(spec.persistTo, 'v3') },
      remoteBindings: false,
    })
    return { spec, ...pick(proxy.env), label: 'local', siteUrl, close: () => proxy.dispose() }
  }
  // Only the two bindings, marked remote, in a config of their own: the proxy then talks to the
  // environment's real database and bucket and starts nothing else.
  const db = (config.d1_databases as { binding: string; database_id?: string }[]).find(
    (d) => d.binding === 'DB',
  )
  const bucket = (config.r2_buckets as { binding: string; bucket_name?: string }[]).find(
    (b) => b.binding === 'MEDIA',
  )
  if (!db?.database_id || !bucket?.bucket_name) {
    throw new Error(`wrangler.toml has no DB or MEDIA binding for --env ${spec.env}.`)
  }
  if (db.database_id.startsWith('REPLACE-WITH')) {
    throw new Error(
      `wrangler.toml still has the placeholder database_id for --env ${spec.env}: put the real one in (docs/operations.md, Deploy).`,
    )
  }
  const dir = resolve(root, '.wrangler/tmp')
  mkdirSync(dir, { recursive: true })
  const configPath = resolve(dir, `backup-${spec.env}.json`)
  writeFileSync(
    configPath,
    JSON.stringify({
      name: `${config.name}-backup`,
      compatibility_date: config.compatibility_date,
      d1_databases: [{ ...db, remote: true }],
      r2_buckets: [{ binding: 'MEDIA', bucket_name: bucket.bucket_name, remote: true }],
      // Not remote: images are decoded here, with Sharp, as under `wrangler dev`.
      images: { binding: 'IMAGES' },
    }),
  )
  const proxy = await getPlatformProxy<Bindings>({
    configPath,
    remoteBindings: true,
  })
  return { spec, ...pick(proxy.env), label: spec.env, siteUrl, close: () => proxy.dispose() }
}

type Bindings = { DB: D1Database; MEDIA: R2Bucket; IMAGES: ImagesBinding }

function pick(env: Bindings) {
  return { DB: env.DB, MEDIA: env.MEDIA, IMAGES: env.IMAGES }
}
