/**
 * What the admin's route files (one per resource, assembled in ./index.tsx) share: flash
 * notices, form reading, message and error pages.
 */
import type { Context, ErrorHandler } from 'hono'
import { repeatedFields } from '../../lib/form-fields'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { AdminError } from '../../admin/errors'
import { can, type Permission } from '../../admin/permissions'
import type { AppEnv } from '../../env'
import { AdminLayout } from './views/layout'

/** Flash messages after Post/Redirect/Get, by code, so no text is taken from the URL. */
export const NOTICES: Record<string, string> = {
  created: 'Đã tạo.',
  saved: 'Đã lưu.',
  deleted: 'Đã xóa.',
  approve: 'Đã duyệt các bình luận đã chọn; bạn đọc thấy chúng ngay.',
  reject: 'Đã từ chối các bình luận đã chọn.',
  delete: 'Đã xóa các bình luận đã chọn.',
  uploaded: 'Đã tải lên.',
  revoked: 'Đã thu hồi mã truy cập.',
  restored: 'Đã khôi phục phiên bản đã chọn (thành một lần lưu mới).',
}

export type Ctx = Context<AppEnv>

export const common = (c: Ctx) => ({
  siteName: c.env.SITE_NAME,
  principal: c.var.principal,
  csrf: c.var.csrf,
  notice: NOTICES[c.req.query('ok') ?? ''],
})

/**
 * Form fields as a plain object. Only the fields named in `lists` may repeat (they become
 * arrays); any other field sent twice is refused (src/lib/form-fields.ts).
 * @throws AdminError 400 `repeated_field`, which the admin's onError shows as a page.
 */
export async function formFields(
  c: Ctx,
  lists: readonly string[] = [],
): Promise<Record<string, string | string[] | File | File[]>> {
  const form = (await c.req.parseBody({ all: true })) as Record<string, string | string[] | File>
  const repeated = repeatedFields(form, lists)
  if (repeated.length > 0) {
    const text = `Biểu mẫu gửi trường "${repeated[0]}" nhiều lần. Vui lòng mở lại trang và gửi lại.`
    throw new AdminError(400, 'repeated_field', text)
  }
  return form
}

export const str = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''

/** A message page for refusals (403) and missing things (404) inside the admin. */
export function messagePage(c: Ctx, status: ContentfulStatusCode, title: string, text: string) {
  return c.html(
    <AdminLayout title={title} {...common(c)}>
      <p>{text}</p>
      <p>
        <a href="/admin">Về trang tổng quan</a>
      </p>
    </AdminLayout>,
    status,
  )
}

/**
 * The web admin's error handler (each sub-app's `onError`): an AdminError becomes the admin's
 * message page with its status and Vietnamese message (403 "Không có quyền", 404 "Không tìm
 * thấy", others "Không thực hiện được"); anything else goes to the app's one handler, `appError`.
 */
export function adminErrorHandler(appError: ErrorHandler<AppEnv>): ErrorHandler<AppEnv> {
  return async function adminError(err, c) {
    if (!(err instanceof AdminError)) return appError(err, c)
    const titles: Partial<Record<number, string>> = { 403: 'Không có quyền', 404: 'Không tìm thấy' }
    return messagePage(
      c,
      err.status as ContentfulStatusCode,
      titles[err.status] ?? 'Không thực hiện được',
      err.message,
    )
  }
}

export function permitted(c: Ctx, permission: Permission) {
  return can(c.var.principal.role, permission)
}

/**
 * The round trip of an admin form (Post/Redirect/Get): runs `save`; on success, 303 to the
 * address `redirectTo` gives for its result; when it refuses the input (AdminError with a status
 * in `shown`: 422 and 409 by default), the page again with what was typed and the errors, from
 * `rerender(error)`, with that status; anything else is thrown on, to the sub-app's `onError`.
 */
export async function formRoundTrip<T>(
  c: Ctx,
  save: () => Promise<T>,
  redirectTo: (result: T) => string,
  rerender: (err: AdminError) => Promise<Response> | Response,
  shown: readonly number[] = [422, 409],
): Promise<Response> {
  try {
    return c.redirect(redirectTo(await save()), 303)
  } catch (err) {
    if (err instanceof AdminError && shown.includes(err.status)) return rerender(err)
    throw err
  }
}
