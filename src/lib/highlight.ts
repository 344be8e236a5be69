import { foldVietnamese } from './slug'

export type Segment = { text: string; match: boolean }

/**
 * Splits `text` into plain and matching segments for the search words `terms` (already
 * folded, e.g. "thuong"), so "Thường Tín" is highlighted for "thuong tin": whole words only,
 * as the search index matched them. Each character is
 * folded on its own, which keeps positions in the folded text and the original aligned.
 */
export function highlight(text: string, terms: string[]): Segment[] {
  const chars = [...text.normalize('NFC')]
  let folded = ''
  const origin: number[] = [] // folded index -> original char index
  chars.forEach((ch, i) => {
    const f = foldVietnamese(ch)
    for (let k = 0; k < f.length; k++) origin.push(i)
    folded += f
  })
  const marked = new Array<boolean>(chars.length).fill(false)
  for (const term of new Set(terms)) {
    if (!term) continue
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
      // Whole words only, as the search matched them: "tin" marks "Tín", not the start of
      // "tình" nor the inside of "mít tinh".
      const before = at === 0 ? '' : folded[at - 1]!
      const after = folded[at + term.length] ?? ''
      if (/[a-z0-9]/.test(before) || /[a-z0-9]/.test(after)) continue
      for (let k = at; k < at + term.length; k++) marked[origin[k]!] = true
    }
  }
  const segments: Segment[] = []
  chars.forEach((ch, i) => {
    const last = segments[segments.length - 1]
    if (last && last.match === marked[i]) last.text += ch
    else segments.push({ text: ch, match: marked[i]! })
  })
  return segments
}

/** A short excerpt of `text` around the first match, for search results. */
export function excerptAround(text: string, terms: string[], length = 220): string {
  if (text.length <= length) return text
  const folded = foldVietnamese(text)
  const first = Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0), Infinity)
  const start = Number.isFinite(first) ? Math.max(0, first - 60) : 0
  const slice = text.slice(start, start + length)
  return `${start > 0 ? '…' : ''}${slice}${start + length < text.length ? '…' : ''}`
}
