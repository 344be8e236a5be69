import { Hono } from 'hono'
import { notFound } from '../../admin/errors'
import { bearerAuth, noStore } from '../../admin/gate'
import type { AppEnv } from '../../env'
import { articlesApi } from './articles'
import { auditApi } from './audit'
import { categoriesApi } from './categories'
import { commentsApi } from './comments'
import { editorsApi } from './editors'
import { homeApi } from './home'
import { mediaApi } from './media'
import { revisionsApi } from './revisions'
import { settingsApi } from './settings'

/**
 * The JSON admin API under `/api/admin`, for scripts and deploy tooling: a bearer token, no
 * stored answers, one file per resource. Errors are AdminErrors, whose response is the API's
 * error shape `{ "error": { "code", "message", "fields"? } }` (src/admin/errors.ts).
 */
export const adminApi = new Hono<AppEnv>()

adminApi.use(noStore(), bearerAuth())

adminApi.get('/me', (c) => c.json(c.var.principal))

adminApi.route('/', articlesApi)
adminApi.route('/', revisionsApi)
adminApi.route('/', categoriesApi)
adminApi.route('/', commentsApi)
adminApi.route('/', mediaApi)
adminApi.route('/', editorsApi)
adminApi.route('/', homeApi)
adminApi.route('/', settingsApi)
adminApi.route('/', auditApi)

adminApi.all('*', () => {
  throw notFound('Không có đường dẫn API này.')
})
