import { sql } from 'drizzle-orm'

/** SQLite's time now in integer milliseconds since the Unix epoch: the default of `*_at` columns. */
export const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`
