/**
 * A backup is a directory:
 *   manifest.json        what is in it (below): counts to check a restore against
 *   d1/<table>.jsonl     one JSON object per row, in rowid order
 *   r2/index.jsonl       one ObjectEntry per R2 object
 *   r2/objects/<sha256>  the bytes of each object
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const FORMAT = 1

export type Manifest = {
  format: typeof FORMAT
  /** When the backup started (ISO 8601). */
  createdAt: string
  /** Where it was taken: `local`, `staging` or `production`. */
  source: string
  /** The last migration applied to the source: the schema the rows belong to. */
  schemaVersion: string
  /** Rows per table, in the order a restore loads them (parents first). */
  tables: Record<string, number>
  /** SHA-256 (hex) of each table's file, to find a damaged or edited backup before restoring. */
  tableSha256: Record<string, string>
  /** R2 objects and their total size in bytes. */
  media: { objects: number; bytes: number }
  /** What an operator should know about this backup (printed by backup and restore). */
  notes: string[]
}

export const paths = (dir: string) => ({
  manifest: resolve(dir, 'manifest.json'),
  table: (name: string) => resolve(dir, 'd1', `${name}.jsonl`),
  objectIndex: resolve(dir, 'r2', 'index.jsonl'),
  object: (file: string) => resolve(dir, 'r2', 'objects', file),
})

export function writeManifest(dir: string, manifest: Manifest): void {
  writeFileSync(paths(dir).manifest, `${JSON.stringify(manifest, null, 2)}\n`)
}

/** Reads and checks a backup's manifest. Throws an Error with a message for the operator. */
export function readManifest(dir: string): Manifest {
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(paths(dir).manifest, 'utf8')) as Manifest
  } catch (err) {
    throw new Error(`${dir} is not a backup (no readable manifest.json): ${String(err)}`)
  }
  if (manifest.format !== FORMAT) {
    throw new Error(
      `backup format ${manifest.format} is not ${FORMAT}: restore it with the code that made it`,
    )
  }
  return manifest
}
