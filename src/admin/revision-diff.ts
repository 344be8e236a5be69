import { diffLines, diffWordsWithSpace } from 'diff'
import type { RevisionSnapshot } from '../db/revisions'
import { SNAPSHOT_FIELDS } from '../db/revisions'
import { formatVnDateTime } from '../lib/time'

/** A run of text that is in both versions, only in the newer one, or only in the older one. */
export type DiffPart = { text: string; kind: 'same' | 'added' | 'removed' }

/** One field that differs between two versions, as runs of text to show. */
export type FieldDiff = { field: (typeof SNAPSHOT_FIELDS)[number]; parts: DiffPart[] }

/** A field's value as it is read: the publish time (ms since the epoch) as Vietnamese time. */
const asText = (field: string, v: unknown): string =>
  v === null || v === undefined
    ? ''
    : field === 'publishedAt' && typeof v === 'number'
      ? formatVnDateTime(new Date(v))
      : String(v)

/**
 * The work one field's diff may do. Myers' algorithm costs about (N + M) × D steps for N and M
 * tokens (lines of the body, words elsewhere) and D edits, so the edits jsdiff may look for
 * (its `maxEditLength`) are this budget over the tokens: a 4,000-line body may differ in 500
 * places and still be shown run by run. Past that the field is shown as replaced whole, which
 * keeps a crafted pair of bodies within the body limit from holding the isolate for minutes.
 */
export const DIFF_BUDGET = 4_000_000

/** Lines in a text (the body's tokens); words are at most the characters. */
const lineCount = (text: string) => text.split('\n').length

/** `a` to `b` as runs, or the whole of `a` removed and `b` added past DIFF_BUDGET. */
function boundedDiff(field: string, a: string, b: string): DiffPart[] {
  const body = field === 'body'
  const tokens = body ? lineCount(a) + lineCount(b) : a.length + b.length
  const options = { maxEditLength: Math.max(16, Math.floor(DIFF_BUDGET / Math.max(1, tokens))) }
  const changes = body ? diffLines(a, b, options) : diffWordsWithSpace(a, b, options)
  if (!changes) {
    return [
      ...(a ? [{ text: a, kind: 'removed' as const }] : []),
      ...(b ? [{ text: b, kind: 'added' as const }] : []),
    ]
  }
  return changes.map((c) => ({
    text: c.value,
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
  }))
}

/**
 * What changed from `older` to `newer`, field by field (unchanged fields left out): the body line
 * by line, every other field word by word, with jsdiff (the Myers diff algorithm), each within
 * DIFF_BUDGET. `older` null: everything is new.
 */
export function revisionDiff(older: RevisionSnapshot | null, newer: RevisionSnapshot): FieldDiff[] {
  const out: FieldDiff[] = []
  for (const field of SNAPSHOT_FIELDS) {
    const a = asText(field, older?.[field])
    const b = asText(field, newer[field])
    if (older && a === b) continue
    out.push({ field, parts: boundedDiff(field, a, b) })
  }
  return out
}
