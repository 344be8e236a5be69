import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1'
import * as schema from './schema'

/** The Drizzle handle every data function takes as its first argument. */
export type Database = DrizzleD1Database<typeof schema>

/** Wraps a D1 binding (or a D1 session) in Drizzle. */
export function createDb(d1: D1Database): Database {
  return drizzle(d1, { schema })
}
