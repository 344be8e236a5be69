import { hidePhoneNumbers, normalizeVietnamesePhone, PHONE_MESSAGE } from './phone'
import { cleanText } from './text'
import * as z from 'zod/mini'
import { fieldErrors, requiredText } from './validation'

/**
 * Characters each comment field may hold (code points). A phone number longer than `phone` is
 * never a valid one, and is refused as invalid.
 */
export const COMMENT_LIMITS = { name: 100, phone: 30, title: 200, content: 4000 } as const

/** The fields of the comment form, as typed (after cleaning), to send back on errors. */
export type CommentFormValues = { name: string; phone: string; title: string; content: string }

export type CommentFieldErrors = Partial<Record<keyof CommentFormValues, string>>

/** A valid comment, ready to store. */
export type CommentInput = { name: string; phone: string | null; title: string; content: string }

const commentSchema = z.object({
  name: requiredText('họ tên', COMMENT_LIMITS.name),
  phone: z
    .string()
    .check(
      z.refine(
        (v) =>
          v === '' || (v.length <= COMMENT_LIMITS.phone && normalizeVietnamesePhone(v) !== null),
        PHONE_MESSAGE,
      ),
    ),
  title: requiredText('tiêu đề', COMMENT_LIMITS.title),
  content: requiredText('nội dung', COMMENT_LIMITS.content, { multiline: true }),
})

/** Reads one form field as a string; a repeated field or a file counts as its first text value. */
function field(form: Record<string, unknown>, name: string): string {
  const value = form[name]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

/**
 * Cleans and validates a submitted comment form. Always returns the cleaned values, so the form
 * can be shown again with what the reader typed.
 */
export function parseCommentForm(
  form: Record<string, unknown>,
):
  | { ok: true; values: CommentFormValues; comment: CommentInput }
  | { ok: false; values: CommentFormValues; errors: CommentFieldErrors } {
  const values: CommentFormValues = {
    name: cleanText(field(form, 'name')),
    phone: cleanText(field(form, 'phone')),
    title: cleanText(field(form, 'title')),
    content: cleanText(field(form, 'content'), { multiline: true }),
  }
  const parsed = commentSchema.safeParse(values)
  if (!parsed.success) return { ok: false, values, errors: fieldErrors(parsed.error) }
  // A phone number typed into the name, title or text is not published: it is hidden there
  // and kept (when the phone field is empty) as the comment's phone, which only editors see.
  const [name, title, content] = [values.name, values.title, values.content].map(hidePhoneNumbers)
  const typedPhone = values.phone === '' ? null : normalizeVietnamesePhone(values.phone)
  return {
    ok: true,
    values,
    comment: {
      name: name!.text,
      phone: typedPhone ?? content!.phone ?? title!.phone ?? name!.phone,
      title: title!.text,
      content: content!.text,
    },
  }
}

export const emptyCommentValues: CommentFormValues = { name: '', phone: '', title: '', content: '' }
