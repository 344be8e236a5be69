import * as z from 'zod/mini'
import type { core } from 'zod/mini'
import { cleanText, isBlank, textLength } from './text'

/**
 * Validation uses `zod/mini`: the same checks as classic zod at a fraction of the bundle (about
 * 5 KB gzipped instead of 93 KB for a small schema, measured with esbuild). Modules import it
 * as `import * as z from 'zod/mini'` themselves: a namespace object passed around as a value
 * cannot be tree-shaken, and would pull in all of zod.
 */

/** The first message for each field of a failed parse, keyed by field name. */
export function fieldErrors(error: core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) out[String(issue.path[0] ?? 'form')] ??= issue.message
  return out
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * The one rule for a required text field of any form or API (comment, article title, category
 * name, editor name): the value is cleaned (`cleanText`: NFC, controls removed, trimmed, one
 * line unless `multiline`); it is missing when it shows nothing (`isBlank`), with the message
 * "Vui lòng nhập <label>."; it may hold at most `max` characters, counted as a reader counts
 * them (code points). Output: the cleaned string.
 */
export function requiredText(label: string, max: number, opts: { multiline?: boolean } = {}) {
  const missing = `Vui lòng nhập ${label}.`
  return z
    .pipe(
      z.string({
        error: (issue) =>
          issue.input === undefined || issue.input === null
            ? missing
            : `${capitalise(label)} phải là văn bản.`,
      }),
      z.transform((v: string) => cleanText(v, opts)),
    )
    .check(
      z.refine((v) => !isBlank(v), missing),
      z.refine(
        (v) => textLength(v) <= max,
        `${capitalise(label)} không được dài quá ${max} ký tự.`,
      ),
    )
}
