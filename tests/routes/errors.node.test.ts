import { DrizzleQueryError } from 'drizzle-orm/errors'
import { describe, expect, it } from 'vitest'
import { loggableError } from '../../src/routes/errors'

describe('loggableError', () => {
  it("keeps a failed query's text and cause but never its parameters", () => {
    const cause = new Error('D1_ERROR: UNIQUE constraint failed: comments.id: SQLITE_CONSTRAINT')
    const err = new DrizzleQueryError(
      'insert into "comments" ("name", "phone") values (?, ?)',
      ['Nguyễn Văn A', '0912345678'],
      cause,
    )
    expect(err.message).toContain('0912345678')
    const logged = JSON.stringify(loggableError(err))
    expect(logged).toContain('insert into \\"comments\\"')
    expect(logged).toContain('UNIQUE constraint failed')
    expect(logged).not.toContain('0912345678')
    expect(logged).not.toContain('Nguyễn Văn A')
  })

  it('passes other errors through', () => {
    const err = new TypeError('x is not a function')
    expect(loggableError(err)).toEqual({ message: 'x is not a function', stack: err.stack })
  })
})
