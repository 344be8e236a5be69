/** What the JSON admin API reads from a request: path ids, JSON bodies, uploads, filters. */
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AdminError, notFound } from '../admin/errors'
import type { AppEnv } from '../env'

/**
 * A limit on a request body (`maxSize` bytes; JSON or an upload): a larger one is refused with
 * 413 before it is read, as an AdminError, so the API's JSON error shape answers it.
 */
export const bodyLimitOf = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AdminError(413, 'too_large', 'Yêu cầu quá lớn.')
    },
  })

/** A positive integer id from the path (the parameter `name`, `id` by default), or 404. */
export function idParam(c: Context<AppEnv>, name = 'id'): number {
  const raw = c.req.param(name) ?? ''
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw notFound()
  return Number(raw)
}

/** The JSON body, or 400 for anything that is not a JSON object. */
export async function jsonBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new AdminError(415, 'unsupported_media_type', 'Gửi dữ liệu dạng application/json.')
  }
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new AdminError(400, 'bad_json', 'Dữ liệu JSON không hợp lệ.')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new AdminError(400, 'bad_json', 'Dữ liệu phải là một đối tượng JSON.')
  }
  return body as Record<string, unknown>
}

/** The uploaded `file` field of a multipart form. */
export async function uploadedFile(c: Context<AppEnv>): Promise<unknown> {
  if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
    throw new AdminError(
      415,
      'unsupported_media_type',
      'Gửi tệp dạng multipart/form-data, trường "file".',
    )
  }
  try {
    return (await c.req.parseBody())['file']
  } catch {
    throw new AdminError(400, 'bad_form', 'Dữ liệu tải lên không hợp lệ.')
  }
}

/** `?page=`: a page number from 1, or 1 for anything else. */
export function pageParam(c: Context<AppEnv>): number {
  const raw = c.req.query('page')
  return raw && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1
}

/** A filter that must be one of `values` (undefined when absent or empty); 400 otherwise. */
export function enumParam<T extends string>(
  raw: string | undefined,
  values: readonly T[],
): T | undefined {
  if (raw === undefined || raw === '') return undefined
  if (!(values as readonly string[]).includes(raw)) {
    throw new AdminError(400, 'bad_filter', `Giá trị lọc không hợp lệ: ${raw.slice(0, 50)}`)
  }
  return raw as T
}
