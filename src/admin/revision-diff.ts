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
 * What changed from `older` to `newer`, field by field (unchanged fields left out): the body line
 * by line, every other field word by word, with jsdiff (the Myers diff algorithm). `older`
 * null: everything is new.
 */
export function revisionDiff(older: RevisionSnapshot | null, newer: RevisionSnapshot): FieldDiff[] {
  const out: FieldDiff[] = []
  for (const field of SNAPSHOT_FIELDS) {
    const a = asText(field, older?.[field])
    const b = asText(field, newer[field])
    if (older && a === b) continue
    const changes = field === 'body' ? diffLines(a, b) : diffWordsWithSpace(a, b)
    out.push({
      field,
      parts: changes.map((c) => ({
        text: c.value,
        kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
      })),
    })
  }
  return out
}
