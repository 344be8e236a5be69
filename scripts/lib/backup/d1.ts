/**
 * D1 in a backup: the rows of every ordinary table as JSON lines, read page by page; the schema
 * is not copied but rebuilt from the migrations (scripts/lib/backup/migrations.ts), and the
 * search index from the articles (rebuildSearchIndex), so indexes, triggers and FTS5 tables come
 * back exactly as the code that restores them defines them.
 */

/** Tables never copied: SQLite's and D1's own, wrangler's migration log, and site_meta (facts
 * about one database, such as a restore into it). FTS5 tables and their shadow tables are
 * found by their `CREATE VIRTUAL TABLE` statement. */
const SKIPPED = new Set(['d1_migrations', 'site_meta', 'sqlite_sequence', 'sqlite_stat1'])

/** Rows read per query while dumping. */
const PAGE_ROWS = 500

/** D1 binds at most 100 parameters to one statement. */
const MAX_PARAMS = 100
/** Statements sent per batch while loading (each batch is one transaction). */
const STATEMENTS_PER_BATCH = 25

export type Row = Record<string, unknown>

const q = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * The tables a backup holds, parents before children (by their foreign keys), so rows can be
 * loaded in this order with every key already present. Throws on a cycle.
 */
export async function contentTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare("select name, sql from sqlite_master where type = 'table' order by name")
    .all<{ name: string; sql: string | null }>()
  const virtual = results
    .filter((t) => /^create\s+virtual\s+table/i.test(t.sql ?? ''))
    .map((t) => t.name)
  const tables = results
    .map((t) => t.name)
    .filter(
      (name) =>
        !SKIPPED.has(name) &&
        !name.startsWith('_cf_') &&
        !name.startsWith('sqlite_') &&
        !virtual.some((v) => name === v || name.startsWith(`${v}_`)),
    )
  const parents = new Map<string, string[]>()
  for (const name of tables) {
    const { results: fks } = await db
      .prepare(`pragma foreign_key_list(${q(name)})`)
      .all<{ table: string }>()
    parents.set(
      name,
      fks.map((f) => f.table).filter((t) => t !== name),
    )
  }
  const ordered: string[] = []
  const visiting = new Set<string>()
  const visit = (name: string) => {
    if (ordered.includes(name)) return
    if (visiting.has(name)) throw new Error(`foreign keys form a cycle through ${name}`)
    visiting.add(name)
    for (const p of parents.get(name) ?? []) if (parents.has(p)) visit(p)
    visiting.delete(name)
    ordered.push(name)
  }
  for (const name of tables) visit(name)
  return ordered
}

/** Rows in a table. */
export async function countRows(db: D1Database, table: string): Promise<number> {
  const row = await db.prepare(`select count(*) as n from ${q(table)}`).first<{ n: number }>()
  return row?.n ?? 0
}

/** A value as JSON keeps it: BLOBs (ArrayBuffer) as `{ "$base64": "…" }`. */
function encode(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { $base64: Buffer.from(value).toString('base64') }
  if (ArrayBuffer.isView(value)) {
    return {
      $base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'),
    }
  }
  return value
}

function decode(value: unknown): unknown {
  if (value && typeof value === 'object' && '$base64' in value) {
    return new Uint8Array(Buffer.from(String((value as { $base64: string }).$base64), 'base64'))
  }
  return value
}

/**
 * Every row of `table` in rowid order, `PAGE_ROWS` at a time (keyset paging: no OFFSET scans),
 * each as one JSON line. Pages are separate reads: on a database taking writes, a row added
 * while the dump runs may or may not be in it (see docs/operations.md on Time Travel).
 */
export async function* dumpTable(db: D1Database, table: string): AsyncGenerator<string> {
  let after = Number.MIN_SAFE_INTEGER
  for (;;) {
    const { results } = await db
      .prepare(`select rowid as __rowid, * from ${q(table)} where rowid > ? order by rowid limit ?`)
      .bind(after, PAGE_ROWS)
      .all<Row & { __rowid: number }>()
    for (const { __rowid, ...row } of results) {
      after = __rowid
      yield JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encode(v)])))
    }
    if (results.length < PAGE_ROWS) return
  }
}

/**
 * Inserts rows (JSON lines from dumpTable) into `table`, several rows per statement within D1's
 * 100 parameters and several statements per batch. Returns how many rows went in.
 */
export async function loadTable(
  db: D1Database,
  table: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<number> {
  let loaded = 0
  let pending: D1PreparedStatement[] = []
  let rows: Row[] = []
  let columns: string[] | null = null
  const flushRows = () => {
    if (rows.length === 0 || !columns) return
    const cols = columns
    const placeholders = rows.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ')
    pending.push(
      db
        .prepare(`insert into ${q(table)} (${cols.map(q).join(', ')}) values ${placeholders}`)
        .bind(...rows.flatMap((r) => cols.map((c) => decode(r[c]) ?? null))),
    )
    loaded += rows.length
    rows = []
  }
  const flushBatch = async () => {
    if (pending.length > 0) await db.batch(pending)
    pending = []
  }
  for await (const line of lines) {
    if (line.trim() === '') continue
    const row = JSON.parse(line) as Row
    const keys = Object.keys(row)
    if (!columns || keys.join('\0') !== columns.join('\0')) {
      flushRows()
      columns = keys
    }
    rows.push(row)
    if ((rows.length + 1) * columns.length > MAX_PARAMS) flushRows()
    if (pending.length >= STATEMENTS_PER_BATCH) await flushBatch()
  }
  flushRows()
  await flushBatch()
  return loaded
}

/**
 * Drops every table, index, trigger and view (the FTS5 tables and wrangler's migration log too)
 * but the tables in `keep`, children before parents, leaving the database for the migrations to
 * rebuild.
 */
export async function dropEverything(db: D1Database, keep: string[] = []): Promise<void> {
  const ordered = await contentTables(db)
  const { results } = await db
    .prepare(
      "select type, name, sql from sqlite_master where substr(name, 1, 7) <> 'sqlite_' and substr(name, 1, 4) <> '_cf_'",
    )
    .all<{ type: string; name: string; sql: string | null }>()
  const statements: string[] = []
  for (const r of results) {
    if (r.type === 'trigger') statements.push(`drop trigger if exists ${q(r.name)}`)
    if (r.type === 'view') statements.push(`drop view if exists ${q(r.name)}`)
  }
  // Virtual tables drop their own shadow tables.
  for (const r of results) {
    if (r.type === 'table' && /^create\s+virtual\s+table/i.test(r.sql ?? '')) {
      statements.push(`drop table if exists ${q(r.name)}`)
    }
  }
  for (const name of [...ordered].reverse()) statements.push(`drop table if exists ${q(name)}`)
  for (const r of results) {
    if (r.type === 'table' && !keep.includes(r.name))
      statements.push(`drop table if exists ${q(r.name)}`)
  }
  for (const sql of statements) await db.prepare(sql).run()
}
