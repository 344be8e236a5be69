/**
 * `npm run bench:worst` (and the first part of `npm run bench`): the Markdown renderer and the
 * revision diff on crafted input at the body limit (ARTICLE_LIMITS.body, 200,000 characters),
 * against a floor of ordinary text of the same size measured in the same run. Each case is run
 * BENCH_WORST_RUNS times (default 5); the median and the slowest are reported, with the ratio
 * of the median to the floor's. The renderer's inputs are the markers that once took tens of
 * seconds or overflowed the stack (issue 29: `*a`, `_a`, `**a`, `>`…); the diff's are two bodies
 * that differ on every line, which Myers' algorithm handles in (N + M) × D steps.
 * A benchmark, not a test: the figures depend on the machine; the ratios are what to compare.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ARTICLE_LIMITS } from '../src/admin/article-input'
import { revisionDiff } from '../src/admin/revision-diff'
import type { RevisionSnapshot } from '../src/db/revisions'
import { renderMarkdown } from '../src/lib/markdown'
import { seedArticle } from '../src/content/seed-article'

const RUNS = Number(process.env.BENCH_WORST_RUNS ?? 5)
const LIMIT = ARTICLE_LIMITS.body

/** `unit` repeated to exactly `LIMIT` characters. */
const fill = (unit: string) => unit.repeat(Math.ceil(LIMIT / unit.length)).slice(0, LIMIT)

/** Ordinary text at the limit: the seed article's body, paragraph after paragraph. */
const ORDINARY = fill(`${seedArticle.body}\n\n`)

/** Crafted bodies at the limit, by what they repeat. */
const RENDER_CASES: Record<string, string> = {
  '`*a`': fill('*a'),
  '`_a`': fill('_a'),
  '`**a`': fill('**a'),
  '`>` (nested quotes)': fill('>'),
  '`- ` (nested lists)': fill('- '),
  '`[` (open links)': fill('['),
  '`![](` (open images)': fill('!['),
  backticks: fill('`'),
  '`<a ` (open tags)': fill('<a '),
  'a table row of 50,000 cells': `| h |\n|---|\n${fill('| a ')}`.slice(0, LIMIT),
  'one line, no breaks': fill('chữ '),
}

/** Lines of the body limit, each different: `a0`, `a1`… and `b0`, `b1`… */
const lines = (prefix: string) => {
  const out: string[] = []
  let length = 0
  for (let i = 0; length < LIMIT; i++) {
    const line = `${prefix}${i}`
    out.push(line)
    length += line.length + 1
  }
  return out.join('\n').slice(0, LIMIT)
}

function snapshot(body: string): RevisionSnapshot {
  return {
    title: 'Tiêu đề',
    slug: 'tieu-de',
    lead: 'Tóm tắt.',
    body,
    author: '',
    source: '',
    categoryId: 1,
    status: 'draft',
    publishedAt: null,
    coverImage: null,
    coverAlt: '',
    commentsEnabled: true,
  }
}

/** Two bodies per diff case: [older, newer]. */
const DIFF_CASES: Record<string, [string, string]> = {
  'floor: one line changed in ordinary text': [
    ORDINARY,
    ORDINARY.replace('Thường Tín', 'Thường Tín (sửa)'),
  ],
  'every line different (short lines)': [lines('a'), lines('b')],
  'every other line different': [
    lines('a'),
    lines('a')
      .split('\n')
      .map((l, i) => (i % 2 ? `${l}x` : l))
      .join('\n'),
  ],
  'one line each, every word different': [fill('a '), fill('b ')],
}

export type WorstRow = { name: string; medianMs: number; maxMs: number; overFloor: number }

function time(work: () => unknown): { medianMs: number; maxMs: number } {
  const ms: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    work()
    ms.push(performance.now() - start)
  }
  ms.sort((a, b) => a - b)
  const round = (n: number) => Math.round(n * 10) / 10
  return { medianMs: round(ms[Math.floor(ms.length / 2)]!), maxMs: round(ms[ms.length - 1]!) }
}

/**
 * Times every case (see the top of the file). Output: the renderer's and the diff's rows, each
 * with its median and slowest run in milliseconds and the median over its floor's.
 */
export function worstCases(): { render: WorstRow[]; diff: WorstRow[] } {
  // Warm up: the first call compiles the code paths.
  renderMarkdown(ORDINARY.slice(0, 10_000))
  const renderFloor = time(() => renderMarkdown(ORDINARY))
  const render: WorstRow[] = [
    { name: 'floor: ordinary text', ...renderFloor, overFloor: 1 },
    ...Object.entries(RENDER_CASES).map(([name, body]) => {
      const t = time(() => renderMarkdown(body))
      return { name, ...t, overFloor: Math.round((t.medianMs / renderFloor.medianMs) * 10) / 10 }
    }),
  ]
  const [floorName, [a0, b0]] = Object.entries(DIFF_CASES)[0]!
  const diffFloor = time(() => revisionDiff(snapshot(a0), snapshot(b0)))
  const diff: WorstRow[] = [
    { name: floorName, ...diffFloor, overFloor: 1 },
    ...Object.entries(DIFF_CASES)
      .slice(1)
      .map(([name, [a, b]]) => {
        const t = time(() => revisionDiff(snapshot(a), snapshot(b)))
        return { name, ...t, overFloor: Math.round((t.medianMs / diffFloor.medianMs) * 10) / 10 }
      }),
  ]
  return { render, diff }
}

/** Prints the rows as two Markdown tables. */
export function printWorstCases(result: { render: WorstRow[]; diff: WorstRow[] }): void {
  for (const [title, rows] of [
    [
      `Renderer at the body limit (${LIMIT.toLocaleString('en')} characters, ${RUNS} runs)`,
      result.render,
    ],
    [`Revision diff at the body limit (${RUNS} runs)`, result.diff],
  ] as const) {
    console.log(
      `\n${title}:\n\n| input | median ms | slowest ms | median ÷ floor |\n|---|---:|---:|---:|`,
    )
    for (const r of rows) console.log(`| ${r.name} | ${r.medianMs} | ${r.maxMs} | ${r.overFloor} |`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = worstCases()
  printWorstCases(result)
  writeFileSync(
    resolve(import.meta.dirname, 'worst-case-results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, limit: LIMIT, ...result }, null, 2)}\n`,
  )
}
