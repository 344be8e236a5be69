/**
 * Path and query parameters, read in one place for the JSON admin API and the web admin. Each
 * reader bounds what it accepts (digits, length, a list of values), so no handler parses a
 * parameter by hand and no unbounded value reaches a query.
 */
import type { Context } from 'hono'
import { AdminError, notFound } from '../admin/errors'
import type { AppEnv } from '../env'

type Ctx = Context<AppEnv>

/** A database id as written in a URL: 1 to 12 digits, no leading zero. */
const ID = /^[1-9]\d{0,11}$/

/** The largest `?page=` a list accepts (a page beyond the last is an empty page, not an error). */
export const MAX_PAGE = 999_999

/**
 * A positive integer id from a string (1 to 12 digits, no sign, no leading zero), or undefined
 * for anything else, absent included.
 */
export function parseId(raw: string | null | undefined): number | undefined {
  return raw && ID.test(raw) ? Number(raw) : undefined
}

/**
 * The id in the path parameter `name` (`id` by default).
 * @throws AdminError 404 (`what` as its message) when it is not a positive integer id.
 */
export function idParam(c: Ctx, name = 'id', what?: string): number {
  const id = parseId(c.req.param(name))
  if (id === undefined) throw notFound(what)
  return id
}

/** An optional id in the query (`?categoryId=`, `?before=`): undefined when absent or malformed. */
export function idQuery(c: Ctx, name: string): number | undefined {
  return parseId(c.req.query(name))
}

/** `?page=`: a page number from 1 to MAX_PAGE, or 1 for anything else. */
export function pageParam(c: Ctx): number {
  const page = parseId(c.req.query('page'))
  return page !== undefined && page <= MAX_PAGE ? page : 1
}

/** `?<name>=` as text cut to `maxLength` characters (UTF-16 units); undefined when absent. */
export function textQuery(c: Ctx, name: string, maxLength: number): string | undefined {
  return c.req.query(name)?.slice(0, maxLength)
}

/** `raw` when it is one of `values`, else undefined (absent and empty included). */
export function parseEnum<T extends string>(
  raw: string | null | undefined,
  values: readonly T[],
): T | undefined {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : undefined
}

/**
 * `?<name>=` when it is one of `values`; undefined when absent or empty. A value not in the
 * list is refused (`onInvalid: 'refuse'`, the API's default: a script should learn its filter
 * is wrong) or read as no filter (`'ignore'`, for links a person may have edited by hand).
 * @throws AdminError 400 `bad_filter` for a value not in the list, when refusing.
 */
export function enumQuery<T extends string>(
  c: Ctx,
  name: string,
  values: readonly T[],
  onInvalid: 'refuse' | 'ignore' = 'refuse',
): T | undefined {
  const raw = c.req.query(name)
  if (raw === undefined || raw === '') return undefined
  const value = parseEnum(raw, values)
  if (value !== undefined) return value
  if (onInvalid === 'ignore') return undefined
  throw new AdminError(400, 'bad_filter', `Giá trị lọc không hợp lệ: ${raw.slice(0, 50)}`)
}
