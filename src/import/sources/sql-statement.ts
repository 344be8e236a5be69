/**
 * Reading one complete SQL statement of a mysqldump file (split off by DumpReader in
 * `sql-dump.ts`): the column order of a `CREATE TABLE`, and the rows of an
 * `INSERT`/`REPLACE ... VALUES (...),(...)`, with or without a column list (`--complete-insert`).
 * Everything else (SET, LOCK TABLES, DROP TABLE, ALTER, USE…) is ignored. String escapes follow
 * MySQL's table "Special Character Escape Sequences" (dev.mysql.com/doc/refman/8.0/en/string-literals.html).
 */

/** A value as mysqldump writes it: a string, a number, or NULL. Hex and `_binary` read as text. */
export type SqlValue = string | number | null

/** One row, keyed by column name. */
export type SqlRow = Record<string, SqlValue>

/** A dump that cannot be read as written: truncated, or rows that do not fit their columns. */
export class SqlDumpError extends Error {
  override name = 'SqlDumpError'
}

/** What a statement needs from its reader: known columns, which tables to keep, where rows go. */
export type StatementContext = {
  columns: Map<string, string[]>
  wanted: (table: string) => boolean
  onRow: (table: string, row: SqlRow) => void
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  // MySQL keeps the backslash of \% and \_ (they matter only in LIKE patterns).
  '%': '\\%',
  _: '\\_',
}

/** Words that start a table's index or constraint rather than a column in `CREATE TABLE`. */
const NOT_COLUMNS = new Set([
  'PRIMARY',
  'KEY',
  'INDEX',
  'UNIQUE',
  'CONSTRAINT',
  'FOREIGN',
  'FULLTEXT',
  'SPATIAL',
  'CHECK',
  'PERIOD',
])

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y
const WORD = /[A-Za-z0-9_$\u0080-\uffff]+/y
const HEX = /[0-9A-Fa-f]*/y
const utf8 = new TextDecoder('utf-8')

function hexText(hex: string): string {
  if (hex.length % 2 !== 0) hex = '0' + hex
  const bytes = new Uint8Array(hex.length / 2)
  for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.substr(k * 2, 2), 16)
  return utf8.decode(bytes)
}

/** A cursor over one statement's text. */
class Cursor {
  i = 0
  /** Position of the next backslash at or after the last search (s.length when none). */
  private bs = -1
  constructor(
    readonly s: string,
    readonly statement: number,
  ) {}

  fail(message: string): never {
    throw new SqlDumpError(`statement ${this.statement}, offset ${this.i}: ${message}`)
  }

  /** Skips whitespace and comments (`-- `, `#`, `/* *\/`). */
  ws(): void {
    const s = this.s
    for (;;) {
      let c = s.charCodeAt(this.i)
      while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++this.i)
      if (c === 47 && s.charCodeAt(this.i + 1) === 42) {
        const end = s.indexOf('*/', this.i + 2)
        this.i = end < 0 ? s.length : end + 2
      } else if (
        c === 35 ||
        (c === 45 && s.charCodeAt(this.i + 1) === 45 && !(s.charCodeAt(this.i + 2) > 32))
      ) {
        const end = s.indexOf('\n', this.i)
        this.i = end < 0 ? s.length : end + 1
      } else return
    }
  }

  /** A bare word (keyword or unquoted name) at the cursor, or '' when there is none. */
  word(): string {
    WORD.lastIndex = this.i
    const m = WORD.exec(this.s)
    if (!m) return ''
    this.i += m[0].length
    return m[0]
  }

  /** The next bare word, upper-cased, after whitespace and comments ('' when none). */
  keyword(): string {
    this.ws()
    return this.word().toUpperCase()
  }

  /** Reads a quoted string; the cursor is on the opening quote. Backticks have no escapes. */
  quoted(): string {
    const s = this.s
    const q = s[this.i]!
    const qc = s.charCodeAt(this.i)
    let i = this.i + 1
    let start = i
    let out = ''
    for (;;) {
      const qi = s.indexOf(q, i)
      if (qi < 0) this.fail('unterminated string')
      if (qc !== 96) {
        if (this.bs < i) {
          const b = s.indexOf('\\', i)
          this.bs = b < 0 ? s.length : b
        }
        if (this.bs < qi) {
          const b = this.bs
          const e = s[b + 1] ?? ''
          out += s.slice(start, b) + (ESCAPES[e] ?? e)
          i = start = b + 2
          continue
        }
      }
      if (s.charCodeAt(qi + 1) === qc) {
        out += s.slice(start, qi + 1)
        i = start = qi + 2
        continue
      }
      this.i = qi + 1
      return out + s.slice(start, qi)
    }
  }

  /** A table or column name, quoted or not; `db`.`table` gives the table. */
  name(): string {
    this.ws()
    const c = this.s.charCodeAt(this.i)
    let n = c === 96 || c === 34 ? this.quoted() : this.word()
    if (n === '') this.fail('expected a name')
    while (this.s.charCodeAt(this.i) === 46) {
      this.i++
      n = this.name()
    }
    return n
  }

  value(): SqlValue {
    this.ws()
    const s = this.s
    const c = s.charCodeAt(this.i)
    if (c === 39 || c === 34) return this.quoted()
    if (c === 48 && (s.charCodeAt(this.i + 1) | 32) === 120) {
      HEX.lastIndex = this.i + 2
      const hex = HEX.exec(s)![0]
      this.i += 2 + hex.length
      return hexText(hex)
    }
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
      NUMBER.lastIndex = this.i
      const m = NUMBER.exec(s)
      if (!m) this.fail('bad number')
      this.i += m[0].length
      const n = Number(m[0])
      return Number.isSafeInteger(n) || !/^[-+]?\d+$/.test(m[0]) ? n : m[0]
    }
    const w = this.word()
    const next = s.charCodeAt(this.i)
    if ((w === 'x' || w === 'X') && next === 39) return hexText(this.quoted())
    if ((w === 'b' || w === 'B') && next === 39) return parseInt(this.quoted() || '0', 2)
    if (w.startsWith('_')) return this.value() // charset introducer: _binary, _utf8mb4…
    const upper = w.toUpperCase()
    if (upper === 'NULL') return null
    if (upper === 'TRUE') return 1
    if (upper === 'FALSE') return 0
    return this.fail(`unexpected value ${w || s.slice(this.i, this.i + 10)}`)
  }

  /** Skips to the `,` or `)` that ends the current item of a parenthesised list. */
  skipItem(): void {
    const s = this.s
    let depth = 0
    for (;;) {
      this.ws()
      const c = s.charCodeAt(this.i)
      if (Number.isNaN(c)) this.fail('unterminated list')
      if (c === 39 || c === 34 || c === 96) this.quoted()
      else if ((c === 44 || c === 41) && depth === 0) return
      else {
        if (c === 40) depth++
        else if (c === 41) depth--
        this.i++
      }
    }
  }
}

function createTable(cur: Cursor, ctx: StatementContext): void {
  let w = cur.keyword()
  if (w === 'OR') {
    cur.keyword() // OR REPLACE
    w = cur.keyword()
  }
  if (w === 'TEMPORARY') w = cur.keyword()
  if (w !== 'TABLE') return
  const save = cur.i
  if (cur.keyword() === 'IF') {
    cur.keyword() // IF NOT EXISTS
    cur.keyword()
  } else cur.i = save
  const table = cur.name()
  cur.ws()
  if (cur.s[cur.i] !== '(') return // CREATE TABLE … LIKE / AS SELECT: no columns to learn
  cur.i++
  const cols: string[] = []
  for (;;) {
    cur.ws()
    const c = cur.s.charCodeAt(cur.i)
    if (c === 41) break
    const quoted = c === 96 || c === 34
    const first = quoted ? cur.quoted() : cur.word()
    if (first !== '' && (quoted || !NOT_COLUMNS.has(first.toUpperCase()))) cols.push(first)
    cur.skipItem()
    if (cur.s.charCodeAt(cur.i) === 41) break
    cur.i++
  }
  ctx.columns.set(table, cols)
}

function insert(cur: Cursor, ctx: StatementContext): void {
  let w: string
  do {
    cur.ws()
    w = cur.word().toUpperCase()
  } while (w === 'LOW_PRIORITY' || w === 'DELAYED' || w === 'HIGH_PRIORITY' || w === 'IGNORE')
  if (w !== 'INTO') cur.i -= w.length
  const table = cur.name()
  if (!ctx.wanted(table)) return
  cur.ws()
  let cols = ctx.columns.get(table)
  if (cur.s[cur.i] === '(') {
    cols = []
    do {
      cur.i++
      cols.push(cur.name())
      cur.ws()
    } while (cur.s[cur.i] === ',')
    if (cur.s[cur.i] !== ')') cur.fail('bad column list')
    cur.i++
    cur.ws()
  }
  const kw = cur.word().toUpperCase()
  if (kw !== 'VALUES' && kw !== 'VALUE') cur.fail(`unsupported INSERT form (${kw}) for ${table}`)
  if (!cols) cur.fail(`no CREATE TABLE or column list for ${table}; dump with --complete-insert`)
  const n = cols.length
  const s = cur.s
  for (;;) {
    cur.ws()
    if (s[cur.i] !== '(') cur.fail('expected (')
    cur.i++
    const row: SqlRow = {}
    let k = 0
    for (;;) {
      const v = cur.value()
      if (k >= n) cur.fail(`more values than the ${n} columns of ${table}`)
      row[cols[k++]!] = v
      cur.ws()
      const c = s.charCodeAt(cur.i++)
      if (c === 41) break
      if (c !== 44) cur.fail('expected , or )')
    }
    if (k !== n) cur.fail(`${k} values for the ${n} columns of ${table}`)
    ctx.onRow(table, row)
    cur.ws()
    if (s.charCodeAt(cur.i) !== 44) return // end, or ON DUPLICATE KEY UPDATE…
    cur.i++
  }
}

/**
 * Reads one statement (its text without the delimiter). Input: the text, its number in the dump
 * (for error messages) and the reader's context; learns columns from CREATE TABLE and hands each
 * row of a wanted table to `ctx.onRow`. Throws SqlDumpError on a malformed INSERT of a wanted
 * table; unwanted tables and other statements are not looked into.
 */
export function readStatement(text: string, statement: number, ctx: StatementContext): void {
  const cur = new Cursor(text, statement)
  cur.ws()
  const verb = cur.word().toUpperCase()
  if (verb === 'INSERT' || verb === 'REPLACE') insert(cur, ctx)
  else if (verb === 'CREATE') createTable(cur, ctx)
}
