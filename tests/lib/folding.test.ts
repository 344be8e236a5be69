import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { indexArticleStatements, queryTerms } from '../../src/db/search'
import { foldVietnamese, slugify } from '../../src/lib/slug'
import { testDb } from '../helpers'
import { ACCENTED_LETTERS, D_LOOKALIKES } from '../vietnamese-alphabet'

/** Every letter in NFC and in NFD (base letter plus combining marks), then the look-alikes. */
const CASES: { letter: string; plain: string; form: string }[] = [
  ...ACCENTED_LETTERS.flatMap(([letter, plain]) => [
    { letter, plain, form: 'NFC' },
    { letter: letter.normalize('NFD'), plain, form: 'NFD' },
  ]),
  ...D_LOOKALIKES.map(([letter, plain]) => ({ letter, plain, form: 'look-alike' })),
]

describe('one folding for slugs, queries and the search index', () => {
  it('covers the whole alphabet: 134 accented letters', () => {
    expect(ACCENTED_LETTERS).toHaveLength(134)
    expect(new Set(ACCENTED_LETTERS.map(([l]) => l)).size).toBe(134)
  })

  it.each(CASES)('$letter ($form) folds to $plain in slugs and queries', ({ letter, plain }) => {
    expect(foldVietnamese(letter)).toBe(plain)
    expect(slugify(`ab${letter}cd`)).toBe(`ab${plain}cd`)
    expect(queryTerms(`ab${letter}cd`)).toEqual([`ab${plain}cd`])
  })

  it('finds every letter, in either form and its look-alikes, by its plain letter in the index', async () => {
    const db = testDb()
    // One entry per case in the real index, through the real indexing statements.
    const words = CASES.map((c, i) => ({ id: 900_000 + i, word: `tu${i}x${c.letter}x`, ...c }))
    const statements = words.flatMap((w) =>
      indexArticleStatements(db, { id: w.id, title: w.word, lead: '', body: '' }),
    )
    for (let i = 0; i < statements.length; i += 50) {
      const [first, ...rest] = statements.slice(i, i + 50)
      await db.batch([first!, ...rest])
    }
    const missed: string[] = []
    for (const w of words) {
      const [term] = queryTerms(`tu${words.indexOf(w)}x${w.plain}x`)
      const found = await env.DB.prepare(
        'select rowid from articles_fts where articles_fts match ?',
      )
        .bind(`"${term}"`)
        .all<{ rowid: number }>()
      if (found.results.map((r) => r.rowid).join() !== String(w.id)) {
        missed.push(`${w.letter} (${w.form})`)
      }
    }
    expect(missed).toEqual([])
  })
})
