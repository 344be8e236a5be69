import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { sampleContent } from '../src/content/sample'
import { createDb, type Database } from '../src/db/client'
import { seedIfEmpty } from '../src/db/seed'
import { articles, categories, type NewArticle } from '../src/db/schema'
import { renderMarkdown } from '../src/lib/markdown'

export const SEED_SLUG = 'thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020'

/** The test file's D1, wrapped in Drizzle. */
export function testDb(): Database {
  return createDb(env.DB)
}

/** Loads the sample content into this test file's database (once). */
export async function seedSample(): Promise<void> {
  await seedIfEmpty(testDb(), sampleContent)
}

/** Fetches a path from the worker under test. */
export async function get(path: string, init?: RequestInit): Promise<Response> {
  const { inProcess } = await import('./in-process')
  return inProcess(`https://portal.test${path}`, init)
}

let counter = 0

/** Inserts an article with sensible defaults into the category with this slug. */
export async function insertArticle(
  db: Database,
  fields: Partial<NewArticle> & { categorySlug: string },
): Promise<{ id: number; slug: string }> {
  const [category] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.slug, fields.categorySlug))
  if (!category) throw new Error(`no category ${fields.categorySlug}`)
  counter += 1
  const title = fields.title ?? `Bài thử nghiệm ${counter}`
  const body = fields.body ?? 'Nội dung thử nghiệm.'
  const [row] = await db
    .insert(articles)
    .values({
      slug: fields.slug ?? `bai-thu-nghiem-${Date.now()}-${counter}`,
      title,
      lead: fields.lead ?? 'Tóm tắt thử nghiệm.',
      body,
      bodyHtml: renderMarkdown(body),
      author: fields.author ?? 'Phóng viên',
      source: fields.source ?? 'HNP',
      status: fields.status ?? 'published',
      publishedAt: fields.publishedAt === undefined ? new Date() : fields.publishedAt,
      commentsEnabled: fields.commentsEnabled ?? true,
      coverImage: fields.coverImage ?? null,
      categoryId: category.id,
    })
    .returning({ id: articles.id, slug: articles.slug })
  return row!
}

/**
 * A D1 binding that counts what reaches the database: each `batch()` and each statement run on
 * its own is one round trip. Sessions opened with `withSession()` count into the same totals.
 */
export function countingD1(real: D1Database) {
  const counts = { roundTrips: 0, batches: 0, statements: 0 }
  const realOf = new WeakMap<object, D1PreparedStatement>()
  const wrapStatement = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target)
        if (typeof value !== 'function') return value
        if (prop === 'bind') {
          return (...args: unknown[]) => wrapStatement(target.bind(...args))
        }
        if (['all', 'first', 'run', 'raw'].includes(String(prop))) {
          return (...args: unknown[]) => {
            counts.roundTrips += 1
            counts.statements += 1
            return (value as (...a: unknown[]) => unknown).apply(target, args)
          }
        }
        return value.bind(target)
      },
    })
    realOf.set(proxy, stmt)
    return proxy
  }
  const wrapDatabase = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t)
        if (typeof value !== 'function') return value
        if (prop === 'prepare') return (query: string) => wrapStatement(value.call(t, query))
        if (prop === 'withSession') return (arg?: string) => wrapDatabase(value.call(t, arg))
        if (prop === 'batch') {
          return (stmts: D1PreparedStatement[]) => {
            counts.roundTrips += 1
            counts.batches += 1
            counts.statements += stmts.length
            return value.call(
              t,
              stmts.map((s) => realOf.get(s) ?? s),
            )
          }
        }
        return value.bind(t)
      },
    })
  return { db: wrapDatabase(real), counts }
}

/** Decodes the few entities our renderer emits, so texts compare with what a browser shows. */
export function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&')
}

/**
 * The text content of every element matching `selector`, read with the runtime's own HTML
 * parser (HTMLRewriter), with entities decoded.
 */
export async function textsOf(html: string, selector: string): Promise<string[]> {
  const texts: string[] = []
  let depth = 0
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        if (depth === 0) texts.push('')
        depth += 1
        el.onEndTag(() => {
          depth -= 1
        })
      },
      text(chunk) {
        if (texts.length > 0) texts[texts.length - 1] += chunk.text
      },
    })
    .transform(new Response(html))
    .text()
  return texts.map(decodeEntities)
}

/** The values of `attribute` on every element matching `selector`. */
export async function attrsOf(
  html: string,
  selector: string,
  attribute: string,
): Promise<string[]> {
  const values: string[] = []
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        const value = el.getAttribute(attribute)
        if (value !== null) values.push(decodeEntities(value))
      },
    })
    .transform(new Response(html))
    .text()
  return values
}

/** These attributes (null when absent) of every element matching `selector`, in page order. */
export async function elementsOf(
  html: string,
  selector: string,
  attributes: string[],
): Promise<Record<string, string | null>[]> {
  const found: Record<string, string | null>[] = []
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        const values: Record<string, string | null> = {}
        for (const a of attributes) {
          const v = el.getAttribute(a)
          values[a] = v === null ? null : decodeEntities(v)
        }
        found.push(values)
      },
    })
    .transform(new Response(html))
    .text()
  return found
}

/** What `appFetch` records of the Workers Cache purges a request made (`ctx.cache.purge`). */
export type PurgeCalls = { tags: string[] }[]

/**
 * Waits, only when needed, until at least `seconds` remain in the current window of the local
 * rate limiters, so that a test's burst of requests falls inside one window. Miniflare aligns
 * a simple limiter's windows of `period` seconds to the wall clock (`floor(now / period)`), so
 * a burst that crosses a boundary would be allowed twice the limit. Input: seconds the burst
 * may take, the limiter's period in seconds (10 or 60).
 */
export async function inOneRateWindow(seconds: number, period = 60): Promise<void> {
  const left = period - ((Date.now() / 1000) % period)
  if (left < seconds) await new Promise((r) => setTimeout(r, left * 1000 + 100))
}

/**
 * Calls the app directly with a chosen environment (e.g. a D1 that counts or fails) and, with
 * `purges`, a `ctx.cache` whose `purge()` records its calls (Workers Cache is not emulated
 * locally). Waits for the request's background work before returning.
 */
export async function appFetch(
  /** A path on https://portal.test, or a whole URL (e.g. on a `caseOrigin`). */
  path: string,
  opts: { env?: Partial<Cloudflare.Env>; init?: RequestInit; purges?: PurgeCalls } = {},
): Promise<Response> {
  const { createExecutionContext, waitOnExecutionContext } = await import('cloudflare:test')
  const { app } = await import('../src/index')
  const ctx = createExecutionContext()
  const purges = opts.purges
  const withCache = purges
    ? {
        waitUntil: (p: Promise<unknown>) => ctx.waitUntil(p),
        passThroughOnException: () => ctx.passThroughOnException(),
        props: ctx.props,
        cache: {
          purge: async (o: CachePurgeOptions) => {
            purges.push({ tags: o.tags ?? [] })
            return { success: true, errors: [] }
          },
          invalidate: async () => ({ success: true, errors: [] }),
        },
      }
    : ctx
  const res = await app.fetch(
    new Request(path.startsWith('https://') ? path : `https://portal.test${path}`, opts.init),
    { ...env, ...opts.env },
    withCache as ExecutionContext,
  )
  await waitOnExecutionContext(ctx)
  return res
}

/**
 * An origin of its own for one test case (`https://<label>.portal.test`), so the case gets
 * cache entries of its own: every page has one canonical URL, so a made-up query parameter
 * no longer makes a separate entry (it is redirected), while another host does.
 */
export function caseOrigin(label: string): string {
  const host = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return `https://${host || 'case'}.portal.test`
}

/**
 * A D1 binding whose first batch that `holds` is held at a gate: `reached` resolves when it
 * gets there (with `when: 'before'`, before it runs; `'after'`, once it has run), and it goes on
 * when `release()` is called. Batches through `withSession()` are gated the same way. So a test
 * fixes the order of two requests on any machine instead of sleeping.
 */
export function gatedD1(
  db: D1Database,
  opts: { when: 'before' | 'after'; holds?: (stmts: D1PreparedStatement[]) => boolean },
): { db: D1Database; reached: Promise<void>; release: () => void } {
  let reachedGate!: () => void
  const reached = new Promise<void>((r) => (reachedGate = r))
  let release!: () => void
  const released = new Promise<void>((r) => (release = r))
  let gated = false
  const gate = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t)
        if (typeof value !== 'function') return value
        if (prop === 'withSession') {
          return (...args: unknown[]) => gate(value.apply(t, args) as object)
        }
        if (prop !== 'batch') return value.bind(t)
        return async (stmts: D1PreparedStatement[]) => {
          const hold = !gated && (opts.holds?.(stmts) ?? true)
          if (hold) gated = true
          if (hold && opts.when === 'before') {
            reachedGate()
            await released
          }
          const result = await value.call(t, stmts)
          if (hold && opts.when === 'after') {
            reachedGate()
            await released
          }
          return result
        }
      },
    })
  return { db: gate(db), reached, release }
}
