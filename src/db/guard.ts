/**
 * D1 that fails in one recognisable way. Every query the app sends through `c.var.db` passes
 * through `guardD1`: it waits at most a bounded time for an answer, and it turns every
 * failure of D1 itself (an error, a lost connection, an overloaded database, a binding that
 * throws) into one `D1UnavailableError`. The one error handler (src/routes/errors.tsx) answers
 * that error with 503 and `Retry-After`: the Vietnamese "busy" page for readers, JSON under
 * /api. Constraint failures (a replayed security code, a slug taken) and queries D1 refuses as
 * written (bugs) are not outages, so they pass through unchanged.
 */

/** How long a query may take before the request gives up on D1 (D1_TIMEOUT_MS overrides it). */
export const DEFAULT_D1_TIMEOUT_MS = 5000

/** What a reader is told to wait before trying again, in seconds (the `Retry-After` header). */
export const D1_RETRY_AFTER_SECONDS = 30

/** D1 did not answer: it failed, or it took longer than the bound. */
export class D1UnavailableError extends Error {
  readonly reason: 'error' | 'timeout'

  constructor(reason: 'error' | 'timeout', opts: { cause?: unknown; timeoutMs?: number } = {}) {
    super(
      reason === 'timeout'
        ? `D1 did not answer within ${opts.timeoutMs} ms`
        : `D1 failed: ${opts.cause instanceof Error ? opts.cause.message : String(opts.cause)}`,
      { cause: opts.cause },
    )
    this.name = 'D1UnavailableError'
    this.reason = reason
  }
}

/**
 * The D1UnavailableError behind an error, if any. Drizzle wraps a failed single query in its
 * own error (whose message holds the query's parameters, so it is never logged), with ours as
 * the cause; a batch passes ours through.
 */
export function d1Unavailable(err: unknown): D1UnavailableError | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof D1UnavailableError) return e
  }
  return undefined
}

/** The bound for this environment: D1_TIMEOUT_MS when it is a positive number, else 5 s. */
export function d1TimeoutMs(env: { D1_TIMEOUT_MS?: string }): number {
  const n = Number(env.D1_TIMEOUT_MS)
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_D1_TIMEOUT_MS
}

/**
 * Errors that are the database answering, not failing: a constraint failure (handled by the
 * application), or a query D1 refuses as written (a bug, which must surface as a 500 and not
 * hide behind "try again later").
 */
const ANSWERS =
  /constraint failed|no such (table|column|function)|syntax error|too many SQL variables|LIKE or GLOB pattern too complex|SQLITE_(RANGE|MISMATCH)/i

function isAnswer(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (ANSWERS.test(e.message)) return true
  }
  return false
}

function unavailable(err: unknown): unknown {
  return err instanceof D1UnavailableError || isAnswer(err)
    ? err
    : new D1UnavailableError('error', { cause: err })
}

/** Runs a D1 call, rejecting with D1UnavailableError when it fails or outlasts `timeoutMs`. */
async function bounded<T>(call: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    return await Promise.race([
      // A call that throws at once rejects like one that fails later.
      Promise.resolve().then(call),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new D1UnavailableError('timeout', { timeoutMs })),
          timeoutMs,
        )
      }),
    ])
  } catch (err) {
    throw unavailable(err)
  } finally {
    clearTimeout(timer)
  }
}

/** Runs something synchronous on D1 (prepare, bind), with its failure mapped the same way. */
function sync<T>(call: () => T): T {
  try {
    return call()
  } catch (err) {
    throw unavailable(err)
  }
}

type Target = Pick<D1Database, 'prepare' | 'batch'>

/**
 * Wraps a D1 database or session, opened on first use (a request that never queries never
 * needs D1 to be up), in what Drizzle needs: `prepare()` and `batch()`, both guarded.
 * `opened()` gives the session once it exists, e.g. to read its bookmark.
 */
export function guardD1<T extends Target>(
  open: () => T,
  opts: { timeoutMs: number },
): { d1: D1Database; opened: () => T | undefined } {
  let target: T | undefined
  const current = () => (target ??= sync(open))
  /** Our statement wrappers, mapped to what the wrapped D1 gave us (for `batch()`). */
  const inner = new WeakMap<object, D1PreparedStatement>()

  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const guarded = {
      bind: (...values: unknown[]) => wrap(sync(() => stmt.bind(...values))),
      first: (column?: string) =>
        bounded(() => (column === undefined ? stmt.first() : stmt.first(column)), opts.timeoutMs),
      run: () => bounded(() => stmt.run(), opts.timeoutMs),
      all: () => bounded(() => stmt.all(), opts.timeoutMs),
      raw: (options?: { columnNames?: boolean }) =>
        bounded(() => stmt.raw(options as { columnNames: true }), opts.timeoutMs),
    } as unknown as D1PreparedStatement
    inner.set(guarded, stmt)
    return guarded
  }

  const d1 = {
    prepare: (query: string) => wrap(sync(() => current().prepare(query))),
    batch: <R = unknown>(statements: D1PreparedStatement[]) =>
      bounded(() => current().batch<R>(statements.map((s) => inner.get(s) ?? s)), opts.timeoutMs),
  }
  return { d1: d1 as unknown as D1Database, opened: () => target }
}
