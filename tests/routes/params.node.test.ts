import { Hono, type Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { AdminError } from '../../src/admin/errors'
import type { AppEnv } from '../../src/env'
import {
  enumQuery,
  idParam,
  idQuery,
  MAX_PAGE,
  pageParam,
  parseEnum,
  parseId,
  textQuery,
} from '../../src/routes/params'

describe('parseId', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['999999999999', 999_999_999_999],
  ])('%s → %s', (raw, id) => expect(parseId(raw)).toBe(id))

  it.each([
    undefined,
    null,
    '',
    '0',
    '01',
    '-1',
    '+1',
    '1.5',
    '1e3',
    ' 1',
    '1 ',
    '1234567890123',
    '٣',
  ])('%j → undefined', (raw) => expect(parseId(raw)).toBeUndefined())
})

describe('parseEnum', () => {
  const values = ['draft', 'published'] as const
  it('keeps a listed value and drops anything else', () => {
    expect(parseEnum('draft', values)).toBe('draft')
    expect(parseEnum('Draft', values)).toBeUndefined()
    expect(parseEnum('', values)).toBeUndefined()
    expect(parseEnum(undefined, values)).toBeUndefined()
  })
})

/** Runs `read` on a request to `url` through a one-route app; its result or the error. */
async function read(url: string, read: (c: Context<AppEnv>) => Response) {
  const app = new Hono<AppEnv>()
  app.get('/x/:id?', (c) => read(c))
  app.onError((err) =>
    Response.json(
      err instanceof AdminError ? { status: err.status, code: err.code } : { crash: String(err) },
    ),
  )
  return (await app.request(url)).json()
}

describe('reading parameters from a request', () => {
  it('idParam: the id, or a 404 AdminError', async () => {
    expect(await read('/x/12', (c) => c.json(idParam(c)))).toBe(12)
    expect(await read('/x/012', (c) => c.json(idParam(c)))).toEqual({
      status: 404,
      code: 'not_found',
    })
  })

  it('idQuery: an optional id', async () => {
    expect(await read('/x?before=7', (c) => c.json(idQuery(c, 'before') ?? null))).toBe(7)
    expect(await read('/x?before=0', (c) => c.json(idQuery(c, 'before') ?? null))).toBeNull()
  })

  it('pageParam: 1 to MAX_PAGE, else 1', async () => {
    const page = (q: string) => read(`/x?${q}`, (c) => c.json(pageParam(c)))
    expect(await page('page=3')).toBe(3)
    expect(await page(`page=${MAX_PAGE}`)).toBe(MAX_PAGE)
    expect(await page(`page=${MAX_PAGE + 1}`)).toBe(1)
    expect(await page('page=-2')).toBe(1)
    expect(await page('')).toBe(1)
  })

  it('textQuery: cut to its bound', async () => {
    expect(await read(`/x?q=${'a'.repeat(300)}`, (c) => c.json(textQuery(c, 'q', 200)))).toBe(
      'a'.repeat(200),
    )
  })

  it('enumQuery: refuses an unlisted value with 400, or ignores it when asked', async () => {
    const values = ['draft', 'published'] as const
    expect(await read('/x?status=draft', (c) => c.json(enumQuery(c, 'status', values)))).toBe(
      'draft',
    )
    expect(await read('/x?status=gone', (c) => c.json(enumQuery(c, 'status', values)))).toEqual({
      status: 400,
      code: 'bad_filter',
    })
    expect(
      await read('/x?status=gone', (c) => c.json(enumQuery(c, 'status', values, 'ignore') ?? null)),
    ).toBeNull()
  })
})
