/**
 * What the JSON admin API reads from a request body: JSON objects and uploads, within a size
 * limit. Path and query parameters are read by ../params.ts.
 */
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AdminError } from '../../admin/errors'
import { MAX_ATTACHMENT_BYTES } from '../../admin/media'
import type { AppEnv } from '../../env'

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

/** The limit on a JSON body: 1 MB (an article's body is at most 200,000 characters). */
export const jsonLimit = bodyLimitOf(1024 * 1024)

/** The limit on an upload: the largest attachment, plus room for the form around it. */
export const uploadLimit = bodyLimitOf(MAX_ATTACHMENT_BYTES + 64 * 1024)

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

/**
 * The version a change was made on: `If-Match: "<version>"` (RFC 9110 §13.1.1; a weak `W/`
 * tag too, `*` meaning any) or else `version` in the JSON body. Undefined when neither names
 * one; the save is then made on what the server reads.
 * @throws AdminError 400 `bad_version` for an If-Match or a version that names no version.
 */
export function expectedVersion(
  c: Context<AppEnv>,
  body: Record<string, unknown>,
): { version?: number; from: 'if-match' | 'body' | 'none' } {
  const header = c.req.header('if-match')?.trim()
  if (header !== undefined && header !== '*') {
    const m = /^(?:W\/)?"([1-9]\d{0,9})"$/.exec(header)
    if (!m)
      throw new AdminError(400, 'bad_version', 'If-Match phải là phiên bản bài viết, ví dụ "3".')
    return { version: Number(m[1]), from: 'if-match' }
  }
  if (body.version === undefined) return { from: 'none' }
  if (!Number.isInteger(body.version) || (body.version as number) < 1) {
    throw new AdminError(400, 'bad_version', 'version phải là số phiên bản bài viết (số nguyên).')
  }
  return { version: body.version as number, from: 'body' }
}

/** The ETag of an article's version, as GET and PATCH answer it and If-Match takes it back. */
export const versionTag = (version: number) => `"${version}"`
