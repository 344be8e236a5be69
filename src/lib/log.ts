/**
 * The portal's one logger: a JSON object per line, which Workers Logs parses into fields
 * (developers.cloudflare.com/workers/observability/logs/workers-logs/). Every line has `level`
 * and `message`; the rest are the caller's fields.
 *
 * The rule it holds: no query string reaches the logs. A query may carry what a reader typed
 * (a search, a phone number) or a secret (a view beacon's key), so a `path` or `url` field is
 * cut at `?` and `#` whatever the caller passed. Callers still choose what else they log: never
 * a comment's text, a token, or a database error's own message (Drizzle puts the query's
 * parameters in it).
 */

/** Fields of one line; values are turned into JSON (an Error becomes its String()). */
export type LogFields = Record<string, unknown>

type Level = 'info' | 'warn' | 'error'

/** Field names whose values are URLs or paths, and so lose their query string. */
const URL_FIELDS = new Set(['path', 'url'])

/** `/a/b?q=x#y` → `/a/b`; a full URL keeps its origin and path. */
function withoutQuery(value: string): string {
  const cut = value.search(/[?#]/)
  return cut === -1 ? value : value.slice(0, cut)
}

/**
 * The line written for one event, as a string (exported for tests). `path` and `url` lose their
 * query; Error values become their String(); undefined fields are left out, and fields named
 * `level` or `message` are ignored.
 */
export function logLine(level: Level, message: string, fields: LogFields = {}): string {
  const line: LogFields = { level, message }
  for (const [name, value] of Object.entries(fields)) {
    // A field may not pass itself off as the line's level or event.
    if (value === undefined || name === 'level' || name === 'message') continue
    if (URL_FIELDS.has(name) && typeof value === 'string') line[name] = withoutQuery(value)
    else if (value instanceof Error) line[name] = String(value)
    else line[name] = value
  }
  try {
    return JSON.stringify(line)
  } catch {
    // A circular or BigInt field: the event is still worth a line.
    return JSON.stringify({ level, message, logError: 'fields not serialisable' })
  }
}

/** The method and path of a request, for a log line (the path without its query). */
export function requestFields(req: Request): { method: string; path: string } {
  return { method: req.method, path: new URL(req.url).pathname }
}

/** Writes one JSON line per call to the console method of its level. Never throws. */
export const log = {
  info(message: string, fields?: LogFields): void {
    console.log(logLine('info', message, fields))
  },
  warn(message: string, fields?: LogFields): void {
    console.warn(logLine('warn', message, fields))
  },
  error(message: string, fields?: LogFields): void {
    console.error(logLine('error', message, fields))
  },
}
