import { Hono } from 'hono'
import type { AppEnv } from './env'
import { database } from './middleware/database'
import { adminApi } from './routes/admin-api'
import { adminHtml } from './routes/admin-html'
import { captcha } from './routes/captcha'
import { comments } from './routes/comments'
import { notFound, onError } from './routes/errors'
import { mediaFiles } from './routes/media'
import { reader } from './routes/reader'

/** The portal: middleware, then the route groups, then the error handlers. */
const app = new Hono<AppEnv>()

app.use(database())
app.route('/', reader)
app.route('/', comments)
app.route('/', captcha)
app.route('/', mediaFiles)
app.route('/api/admin', adminApi)
app.route('/admin', adminHtml)
app.notFound(notFound)
app.onError(onError)

export default app
