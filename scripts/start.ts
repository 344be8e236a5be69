/**
 * `npm start`: everything a newcomer needs for a working portal on this machine.
 * 1. `.dev.vars` with a random ADMIN_TOKEN, if missing, and the browser files built into public/static;
 * 2. the migrations, applied to the local D1;
 * 3. the sample content, if the database is empty;
 * 4. `wrangler dev` on port 8787 (or $PORT).
 */
import { buildAssets } from './build-assets'
import { ensureDevVars } from './dev-vars'
import { seedLocal } from './seed'
import { seedArticle } from '../src/content/seed-article'
import { slugify } from '../src/lib/slug'
import { markRunningServer } from './lib/running-server'
import { runWrangler, startWrangler } from './wrangler'

const port = process.env.PORT ?? '8787'
if (!/^\d{1,5}$/.test(port)) {
  console.error(`PORT must be a port number, not ${JSON.stringify(port)}`)
  process.exit(1)
}

// PERSIST_TO keeps a separate local state (the smoke test uses it); default .wrangler/state.
const persist = process.env.PERSIST_TO ? ['--persist-to', process.env.PERSIST_TO] : []

ensureDevVars()
buildAssets()
runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persist])
try {
  await seedLocal(process.env.PERSIST_TO)
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
}
const origin = `http://localhost:${port}`
console.log(`Starting the portal at ${origin}`)
console.log(`The seed article: ${origin}/bai-viet/${slugify(seedArticle.title)}`)
// So that `npm run import` and `npm run restore` purge through this server, not under it.
markRunningServer(process.env.PERSIST_TO ?? '.wrangler/state', origin)
startWrangler([
  'dev',
  '--port',
  port,
  '--ip',
  process.env.HOST ?? '127.0.0.1',
  // The cron purges pages under SITE_URL: here, this server's own address, whatever the port.
  '--var',
  `SITE_URL:${origin}`,
  ...persist,
])
