/**
 * A D1 binding that fails on purpose, for the fault tests. Statements are numbered in the
 * order they reach the database, each statement inside a `batch()` counting once, from 1.
 *
 * - `error`: statement `at` fails. On its own, or first in a batch, the call rejects as a lost
 *   connection would, before anything runs. Later in a batch the real batch runs with that
 *   statement swapped for one that fails inside D1 while executing, so the statements before
 *   it really ran and D1's transaction has to roll them back.
 * - `hang`: the call that reaches statement `at` never answers (until `release()`).
 * - `throw`: the binding itself is broken: every method, `withSession()` included, throws.
 *
 * With `persist` (the default) D1 stays down after the fault: every later call fails the same
 * way. Without it the fault happens once and D1 answers again.
 */
export type Fault =
  | { kind: 'error' | 'hang'; at: number; persist?: boolean }
  | { kind: 'throw'; at?: never; persist?: never }

/** The message a rejected call carries, like the one D1 gives when its connection drops. */
export const INJECTED_ERROR = 'D1_ERROR: Network connection lost. (injected fault)'

export function faultyD1(real: D1Database, fault: Fault) {
  const state = { statements: 0, faults: 0 }
  let release!: () => void
  /** What a hung call waits for: rejected by `release()`, so nothing waits for ever. */
  const hung = new Promise<never>((_, reject) => {
    release = () => reject(new Error('hung D1 call released'))
  })
  hung.catch(() => {})

  if (fault.kind === 'throw') {
    const broken = new Proxy(real, {
      get() {
        return () => {
          state.faults += 1
          throw new Error(INJECTED_ERROR)
        }
      },
    })
    return { db: broken as D1Database, state, release }
  }

  const at = fault.at
  const persist = fault.persist ?? true
  /** Whether statement n (1-based) fails. */
  const fails = (n: number) => n === at || (persist && n > at)
  const failure = (): Promise<never> => {
    state.faults += 1
    return fault.kind === 'hang' ? hung : Promise.reject(new Error(INJECTED_ERROR))
  }

  const realOf = new WeakMap<object, D1PreparedStatement>()
  const wrapStatement = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target)
        if (typeof value !== 'function') return value
        if (prop === 'bind') return (...args: unknown[]) => wrapStatement(target.bind(...args))
        if (['all', 'first', 'run', 'raw'].includes(String(prop))) {
          return (...args: unknown[]) => {
            state.statements += 1
            if (fails(state.statements)) return failure()
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
            const first = state.statements + 1
            state.statements += stmts.length
            const real = stmts.map((s) => realOf.get(s) ?? s)
            const failing = real.findIndex((_, i) => fails(first + i))
            if (failing === -1) return value.call(t, real)
            if (failing === 0 || fault.kind === 'hang') return failure()
            // Mid-batch: the statements before it run inside D1, then this one fails there
            // while executing (an integer overflow, not a parse error found up front).
            state.faults += 1
            const swapped = [...real]
            swapped[failing] = (t as unknown as D1Database).prepare(
              'select abs(-9223372036854775807 - 1) as injected_fault',
            )
            return value.call(t, swapped)
          }
        }
        return value.bind(t)
      },
    })

  return { db: wrapDatabase(real), state, release }
}
