import { Hono } from 'hono'
import { clientIp } from '../lib/client-ip'
import { isVisibleArticle } from '../db/articles'
import { checkViewToken } from '../lib/view-beacon'
import type { AppEnv } from '../env'
import { log } from '../lib/log'

/**
 * `POST /api/luot-xem/:id`: the view beacon article pages send once per article and browser
 * session (`src/browser/reader.js`, as NukeViet counts). A cached page never runs the worker,
 * so views are counted here instead of when the page is served. Always answers 204 with
 * nothing to cache; what is not a reader's view is simply not counted:
 * - requests from other sites (`Sec-Fetch-Site` other than same-origin) and self-declared
 *   bots and crawlers;
 * - an id without its token (`?k=`, from `viewBeaconPath`): only ids of pages the portal
 *   rendered are counted, so made-up ids cannot fill the counter; on a portal with no server
 *   secret (so no tokens), an id that is not an article readers can see, looked up in D1;
 * - more than VIEW_RATE_LIMITER allows from one address (60 a minute), or more than
 *   VIEW_ARTICLE_RATE_LIMITER from one address for one article (2 a minute: one reader's
 *   browser sends one a session), so one client cannot push one article up the "most read".
 * Counts go to the ViewCounter Durable Object, which writes them to D1 within a minute.
 */
export const views = new Hono<AppEnv>()

const BOT = /bot|crawl|spider|slurp|facebookexternalhit|zalo.*(bot|preview)|headless|curl|wget/i

views.post('/api/luot-xem/:id{[1-9][0-9]{0,9}}', async (c) => {
  c.header('Cache-Control', 'private, no-store')
  const id = Number(c.req.param('id'))
  const site = c.req.header('sec-fetch-site')
  const agent = c.req.header('user-agent') ?? ''
  if ((site !== undefined && site !== 'same-origin') || BOT.test(agent) || id > 2 ** 31) {
    return c.body(null, 204)
  }
  const token = await checkViewToken(c.env, id, c.req.query('k'))
  if (token === 'forged') return c.body(null, 204)
  try {
    if (token === 'unsigned' && !(await isVisibleArticle(c.var.db, id, new Date()))) {
      return c.body(null, 204)
    }
    const ip = clientIp(c) ?? 'unknown'
    const [client, article] = await Promise.all([
      c.env.VIEW_RATE_LIMITER.limit({ key: ip }),
      c.env.VIEW_ARTICLE_RATE_LIMITER.limit({ key: `${ip}:${id}` }),
    ])
    if (client.success && article.success) {
      const counter = c.env.VIEW_COUNTER.get(c.env.VIEW_COUNTER.idFromName('views'))
      await counter.add(id)
    }
  } catch (err) {
    // A lost view is not worth an error to the reader's browser; it is logged.
    log.error('view not counted', { error: err })
  }
  return c.body(null, 204)
})
