/**
 * Whether a D1 error (or one of its causes) is a UNIQUE constraint failure on `column`, given
 * as SQLite names it: `table.column`. D1 wraps SQLite's message, so the causes are searched.
 */
export function isUniqueViolation(err: unknown, column: string): boolean {
  const needle = `UNIQUE constraint failed: ${column}`
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e.message.includes(needle)) return true
  }
  return false
}
