import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The rooms of src/ and their order (docs/architecture.md): a module may import from its own
 * room or from a room of lower rank, never from one above it, so the layers point one way and
 * no cycle can cross rooms. A new room must be given its place here.
 */
const RANK: Record<string, number> = {
  generated: 0,
  media: 1,
  lib: 2,
  captcha: 3,
  db: 3,
  auth: 4,
  objects: 4,
  content: 4,
  views: 4,
  'env.ts': 5,
  admin: 6,
  middleware: 6,
  import: 7,
  cache: 7,
  routes: 8,
  'routes/admin-api': 9,
  'routes/admin-html': 9,
  'scheduled.ts': 10,
  'index.ts': 11,
}

const SRC = resolve(import.meta.dirname, '../../src')

/** `src/routes/admin-html/x.tsx` → `routes/admin-html`; `src/db/x.ts` → `db`. */
function roomOf(file: string): string {
  const parts = relative(SRC, file).split('/')
  if (parts.length === 1) return parts[0]!
  if (parts[0] === 'routes' && parts.length > 2) return `routes/${parts[1]}`
  return parts[0]!
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : []
  })
}

/** The relative imports of a module (`import … from './x'`, `export … from`, `import('./x')`). */
function relativeImports(source: string): string[] {
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)].map(
    (m) => m[1]!,
  )
}

const files = sourceFiles(SRC).filter((f) => !f.includes('/browser/'))

describe('rooms of src/', () => {
  it('gives every room a place in the order', () => {
    const rooms = new Set(files.map(roomOf))
    expect([...rooms].filter((room) => !(room in RANK))).toEqual([])
  })

  it('has no import running up from a room to one above it', () => {
    const upward: string[] = []
    for (const file of files) {
      const from = roomOf(file)
      for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
        const to = roomOf(normalize(join(dirname(file), spec)))
        if (to !== from && RANK[to]! >= RANK[from]!) {
          upward.push(
            `${relative(SRC, file)} → ${spec} (${from} ${RANK[from]} → ${to} ${RANK[to]})`,
          )
        }
      }
    }
    expect(upward).toEqual([])
  })

  it('keeps every module under 400 lines', () => {
    const long = files
      .filter((f) => !f.includes('/generated/'))
      .map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 400)
    expect(long).toEqual([])
  })

  it('reads the imports it checks', () => {
    // The check above is only as good as its parser: a known upward import must be seen.
    expect(relativeImports("import type { A } from '../db/x'\nexport { b } from './y'")).toEqual([
      '../db/x',
      './y',
    ])
    expect(roomOf(join(SRC, 'routes/admin-html/views/layout.tsx'))).toBe('routes/admin-html')
  })
})
