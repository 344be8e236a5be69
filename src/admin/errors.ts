import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { PRIVATE_NO_STORE } from '../lib/cache-control'

export type FieldErrors = Record<string, string>

/**
 * An error an admin request ends with on purpose. Its response is the API's error shape,
 * `{ "error": { "code", "message", "fields"? } }`; the HTML admin catches it and shows the
 * message (and field messages) in the page instead.
 */
export class AdminError extends HTTPException {
  readonly code: string
  readonly fields?: FieldErrors
  /** More for the API's answer, beside code and message (a conflict's `current` article). */
  readonly detail?: Record<string, unknown>

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    fields?: FieldErrors,
    headers: Record<string, string> = {},
    detail?: Record<string, unknown>,
  ) {
    super(status, {
      message,
      res: Response.json(
        { error: { code, message, ...(fields ? { fields } : {}), ...detail } },
        { status, headers: { 'Cache-Control': PRIVATE_NO_STORE, ...headers } },
      ),
    })
    this.code = code
    this.fields = fields
    this.detail = detail
  }
}

export const notFound = (what = 'Không tìm thấy') => new AdminError(404, 'not_found', what)
export const forbidden = () =>
  new AdminError(403, 'forbidden', 'Tài khoản của bạn không có quyền thực hiện thao tác này.')
export const invalid = (fields: FieldErrors, message = 'Dữ liệu chưa hợp lệ.') =>
  new AdminError(422, 'invalid', message, fields)
