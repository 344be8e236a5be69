import { createMiddleware } from 'hono/factory'
import { createDb } from '../db/client'
import type { AppEnv } from '../env'

/** Puts a Drizzle handle on the D1 binding into `c.var.db`. */
export const database = () =>
  createMiddleware<AppEnv>(async function database(c, next) {
    c.set('db', createDb(c.env.DB))
    await next()
  })
