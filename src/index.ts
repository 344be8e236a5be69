import { Hono } from 'hono'
import { timing } from 'hono/timing'
import { answerFromMemory } from './cache/memory-tier'
import { pageCache } from './cache/page-cache'
import type { AppEnv } from './env'
import { database } from './middleware/database'
import { requestLog } from './middleware/request-log'
import { securityHeaders } from './middleware/security-headers'
import { adminApi } from './routes/admin-api'
import { adminHtml } from './routes/admin-html'
import { captcha } from './routes/captcha'
import { comments } from './routes/comments'
import { notFound, onError } from './routes/errors'
import { feeds } from './routes/feeds'
import { health } from './routes/health'
import { mediaFiles } from './routes/media'
import { archives } from './routes/archives'
import { sitemaps } from './routes/sitemaps'
import { reader } from './routes/reader'
import { search } from './routes/search'
import { views } from './routes/views'
import { runScheduled } from './scheduled'

/** The portal: middleware, then the route groups, then the error handlers. */
const app = new Hono<AppEnv>()

app.use(requestLog())
// The cache answers first: a hit never reaches D1, and never opens a database handle. Security
// headers are set inside it, so a stored page carries them and a hit does not set them again.
app.use(pageCache({ fetch: (req, env, ctx) => app.fetch(req, env, ctx) }))
app.use(securityHeaders())
app.use(timing({ totalDescription: 'render' }))
app.use(database())
app.route('/', health)
app.route('/', feeds)
app.route('/', sitemaps)
app.route('/', search)
app.route('/', reader)
app.route('/', archives)
app.route('/', comments)
app.route('/', captcha)
app.route('/', views)
app.route('/', mediaFiles)
app.route('/api/admin', adminApi)
app.route('/admin', adminHtml)
app.notFound(notFound)
app.onError(onError)

export default {
  // A page this isolate holds fresh is answered before the app runs (src/cache/memory-tier.ts).
  fetch: (req, env, ctx) => answerFromMemory(req, env) ?? app.fetch(req, env, ctx),
  scheduled: runScheduled,
} satisfies ExportedHandler<Cloudflare.Env>

export { app }
export { ViewCounter } from './objects/view-counter'
