import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { D1UnavailableError, guardD1 } from '../../src/db/guard'

const guarded = () => guardD1(() => env.DB, { timeoutMs: 2000 }).d1

describe('guardD1', () => {
  it('passes answers through: rows, and queries D1 refuses as written (bugs, so 500s)', async () => {
    const d1 = guarded()
    expect(await d1.prepare('select 1 as one').first('one')).toBe(1)
    for (const query of [
      'select * from no_such_table',
      'select no_such_column from articles',
      'selec 1',
      `select 1 where 'a' like '${'%a'.repeat(40)}'`,
    ]) {
      const err = await d1
        .prepare(query)
        .all()
        .then(
          () => null,
          (e: unknown) => e,
        )
      expect(err, query).toBeInstanceOf(Error)
      expect(err, query).not.toBeInstanceOf(D1UnavailableError)
    }
  })

  it('turns D1 failing at run time and D1 not answering into D1UnavailableError', async () => {
    // Integer overflow while executing: D1 fails on a query it accepted.
    const overflow = await guarded()
      .prepare('select abs(-9223372036854775807 - 1)')
      .all()
      .catch((e: unknown) => e)
    expect(overflow).toBeInstanceOf(D1UnavailableError)
    expect((overflow as D1UnavailableError).reason).toBe('error')

    const hung = guardD1(
      () =>
        ({
          prepare: () => ({ all: () => new Promise(() => {}) }),
          batch: () => new Promise(() => {}),
        }) as unknown as D1Database,
      { timeoutMs: 50 },
    ).d1
    const timedOut = await hung
      .prepare('select 1')
      .all()
      .catch((e: unknown) => e)
    expect(timedOut).toBeInstanceOf(D1UnavailableError)
    expect((timedOut as D1UnavailableError).reason).toBe('timeout')
  })
})
