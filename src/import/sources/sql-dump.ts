/**
 * A reader of `mysqldump` text files, without a MySQL server: it splits the text into statements
 * (respecting strings, comments, `/*!40101 … *\/;` and the client's `DELIMITER` command) and
 * hands each to readStatement (`sql-statement.ts`), which keeps the rows of the wanted tables.
 * The text may come in chunks of any size, so a dump of hundreds of megabytes is never one string.
 */
import { readStatement, SqlDumpError, type SqlRow, type StatementContext } from './sql-statement'

export { SqlDumpError, type SqlRow, type SqlValue } from './sql-statement'

const NORMAL = 0
const STRING = 1
const LINE_COMMENT = 2
const BLOCK_COMMENT = 3

const STRING_STOPS: Record<string, RegExp> = {
  "'": /['\\]/g,
  '"': /["\\]/g,
  '`': /`/g,
}

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** Whether the character after `--` makes it a comment (MySQL wants a space or control char). */
const commentAfterDashes = (code: number) => !(code > 32)

export type DumpReaderOptions = {
  /** Which tables' rows to keep, by table name (without database). */
  wanted: (table: string) => boolean
  /** Called with every row of a wanted table, in dump order. */
  onRow: (table: string, row: SqlRow) => void
}

/**
 * Incremental mysqldump reader. Input: `push(chunk)` any number of times, then `end()`.
 * Output: `onRow(table, row)` for each row of a wanted table, with values keyed by the column
 * names of the table's CREATE TABLE or the INSERT's own column list. Errors: SqlDumpError when
 * the dump ends inside a string (truncated file) or a wanted table's INSERT is malformed.
 */
export class DumpReader {
  private readonly ctx: StatementContext
  private mode = NORMAL
  private quote = ''
  private atStart = true
  private delimiter = ';'
  private normalRe = /['"`#]|--|\/\*|;/g
  private parts: string[] = []
  private carry = ''
  private statements = 0
  private ended = false
  private final = false

  constructor(options: DumpReaderOptions) {
    this.ctx = { columns: new Map(), wanted: options.wanted, onRow: options.onRow }
  }

  /** Column names learned from the dump's CREATE TABLE for `table`, if any. */
  columns(table: string): string[] | undefined {
    return this.ctx.columns.get(table)
  }

  /** Reads the next piece of the dump; pieces may split a statement, a string or a character escape anywhere. */
  push(chunk: string): void {
    if (this.ended) throw new SqlDumpError('push after end')
    const s = this.carry + chunk
    this.carry = ''
    const n = s.length
    let i = 0
    let stmtStart = this.atStart ? -1 : 0
    while (i < n) {
      if (this.mode === STRING) {
        const re = STRING_STOPS[this.quote]!
        re.lastIndex = i
        const m = re.exec(s)
        if (!m) {
          i = n
          break
        }
        const j = m.index
        if (j + 1 >= n) {
          i = j // an escape or a closing quote that may be doubled: wait for the next char
          break
        }
        if (m[0] === '\\' || s[j + 1] === this.quote) {
          i = j + 2 // an escape, or a doubled quote
        } else {
          this.mode = NORMAL
          i = j + 1
        }
      } else if (this.mode === LINE_COMMENT) {
        const nl = s.indexOf('\n', i)
        this.mode = nl < 0 ? LINE_COMMENT : NORMAL
        i = nl < 0 ? n : nl + 1
      } else if (this.mode === BLOCK_COMMENT) {
        const end = s.indexOf('*/', i)
        if (end < 0) {
          i = Math.max(i, n - 1)
          break
        }
        this.mode = NORMAL
        i = end + 2
      } else if (this.atStart) {
        const c = s.charCodeAt(i)
        if (c === 32 || c === 10 || c === 13 || c === 9) {
          i++
          continue
        }
        const c1 = s.charCodeAt(i + 1)
        // `--`, `/*` or DELIMITER may be cut at the chunk's end: wait for more.
        const need = c === 68 || c === 100 ? 10 : c === 45 || c === 47 ? 3 : 0
        if (i + need > n && !this.final) break
        if (c === 45 && c1 === 45 && commentAfterDashes(s.charCodeAt(i + 2))) {
          this.mode = LINE_COMMENT
          i += 2
        } else if (c === 35) {
          this.mode = LINE_COMMENT
          i++
        } else if (c === 47 && c1 === 42) {
          this.mode = BLOCK_COMMENT
          i += 2
        } else if ((c === 68 || c === 100) && /^delimiter[ \t]/i.test(s.slice(i, i + 10))) {
          let nl = s.indexOf('\n', i)
          if (nl < 0 && !this.final) break
          if (nl < 0) nl = n
          this.setDelimiter(s.slice(i + 10, nl).trim())
          i = nl + 1
        } else {
          this.atStart = false
          stmtStart = i
        }
      } else {
        const re = this.normalRe
        re.lastIndex = i
        const m = re.exec(s)
        if (!m) {
          // Keep the last chars: they may start `--`, `/*` or the delimiter.
          i = this.final ? n : Math.max(i, n - Math.max(1, this.delimiter.length - 1))
          break
        }
        const j = m.index
        const t = m[0]
        if (t === "'" || t === '"' || t === '`') {
          this.mode = STRING
          this.quote = t
          i = j + 1
        } else if (t === '#' || t === '/*') {
          this.mode = t === '#' ? LINE_COMMENT : BLOCK_COMMENT
          i = j + t.length
        } else if (t === '--') {
          if (j + 2 >= n) {
            i = j
            break
          }
          const comment = commentAfterDashes(s.charCodeAt(j + 2))
          if (comment) this.mode = LINE_COMMENT
          i = comment ? j + 2 : j + 1
        } else {
          this.statement(s.slice(stmtStart, j))
          this.atStart = true
          stmtStart = -1
          i = j + t.length
        }
      }
    }
    if (stmtStart >= 0 && i > stmtStart) this.parts.push(s.slice(stmtStart, i))
    this.carry = s.slice(i)
  }

  /** Reads what is left (a last statement without its delimiter is still read). */
  end(): void {
    // A newline settles every wait for a next char: `--`, a quote that could be doubled…
    this.final = true
    this.push('\n')
    this.ended = true
    if (this.mode === STRING) {
      throw new SqlDumpError('the dump ends inside a string: the file is truncated')
    }
    if (!this.atStart) this.statement(this.carry)
    this.carry = ''
  }

  private statement(tail: string): void {
    const text = this.parts.length ? this.parts.join('') + tail : tail
    this.parts = []
    this.statements++
    if (/\S/.test(text)) readStatement(text, this.statements, this.ctx)
  }

  private setDelimiter(delimiter: string): void {
    if (delimiter === '') return
    this.delimiter = delimiter
    this.normalRe = new RegExp(`['"\`#]|--|/\\*|${escapeRe(delimiter)}`, 'g')
  }
}

/**
 * Reads a whole dump held in one string. Input: the text and which tables to keep. Output: the
 * rows of each wanted table that has any, keyed by table name. Errors: as DumpReader.
 */
export function readDump(text: string, wanted: (table: string) => boolean): Map<string, SqlRow[]> {
  const tables = new Map<string, SqlRow[]>()
  const reader = new DumpReader({ wanted, onRow: (table, row) => collect(tables, table, row) })
  reader.push(text)
  reader.end()
  return tables
}

/**
 * Reads a dump from chunks of text or UTF-8 bytes (a Node read stream, a web ReadableStream,
 * an array of strings), decoding bytes across chunk boundaries. Output and errors: as readDump.
 */
export async function readDumpChunks(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  wanted: (table: string) => boolean,
): Promise<Map<string, SqlRow[]>> {
  const tables = new Map<string, SqlRow[]>()
  const reader = new DumpReader({ wanted, onRow: (table, row) => collect(tables, table, row) })
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks) {
    reader.push(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
  }
  reader.push(decoder.decode())
  reader.end()
  return tables
}

function collect(tables: Map<string, SqlRow[]>, table: string, row: SqlRow) {
  const rows = tables.get(table)
  if (rows) rows.push(row)
  else tables.set(table, [row])
}
