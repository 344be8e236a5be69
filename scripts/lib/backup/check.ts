/**
 * Checks a backup against its manifest before a restore touches anything: the same tables, each
 * table file with the stated number of rows and checksum, every object file present with its
 * checksum, and the stated object count and bytes. A restore with `--force` empties the target
 * first, so a damaged backup must be found here, not halfway through.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { paths, type Manifest } from './manifest'
import type { ObjectEntry } from './r2'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Every problem found (empty when the backup is whole). */
export function backupProblems(dir: string, manifest: Manifest): string[] {
  const p = paths(dir)
  const problems: string[] = []
  const listed = Object.keys(manifest.tables)
  const files = existsSync(resolve(dir, 'd1'))
    ? readdirSync(resolve(dir, 'd1'))
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => f.slice(0, -'.jsonl'.length))
    : []
  for (const t of files)
    if (!listed.includes(t)) problems.push(`d1/${t}.jsonl is not in the manifest`)
  for (const t of listed) {
    if (!existsSync(p.table(t))) {
      problems.push(`d1/${t}.jsonl is missing`)
      continue
    }
    const bytes = readFileSync(p.table(t))
    const rows = bytes
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '').length
    if (rows !== manifest.tables[t])
      problems.push(`d1/${t}.jsonl has ${rows} rows, manifest says ${manifest.tables[t]}`)
    if (sha256(bytes) !== manifest.tableSha256[t])
      problems.push(`d1/${t}.jsonl does not match its checksum`)
  }
  if (!existsSync(p.objectIndex)) return [...problems, 'r2/index.jsonl is missing']
  const entries = readFileSync(p.objectIndex, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ObjectEntry)
  let bytes = 0
  for (const e of entries) {
    const file = p.object(e.file)
    bytes += e.size
    if (!existsSync(file)) problems.push(`the file of R2 object ${e.key} is missing`)
    else if (sha256(readFileSync(file)) !== e.sha256) {
      problems.push(`the file of R2 object ${e.key} does not match its checksum`)
    }
  }
  if (entries.length !== manifest.media.objects || bytes !== manifest.media.bytes) {
    problems.push(
      `r2/index.jsonl lists ${entries.length} objects (${bytes} bytes), manifest says ${manifest.media.objects} (${manifest.media.bytes} bytes)`,
    )
  }
  return problems
}
