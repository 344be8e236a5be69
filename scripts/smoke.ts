/**
 * Start-up smoke test, run by .ci/run: starts the portal exactly as `npm start` does (a fresh
 * local D1, migrations, sample content, wrangler dev) and checks that the seed article and
 * the home page answer. The test pool runs modules differently from the real runtime, so this
 * catches what only `wrangler dev` would refuse (for example I/O in global scope). It also runs
 * the cron handler by hand, the way the README tells developers to.
 */
import { startPortal } from './lib/portal'

const SEED = '/bai-viet/thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020'

async function check(origin: string): Promise<string[]> {
  const failures: string[] = []
  const seed = await fetch(`${origin}${SEED}`)
  const html = await seed.text()
  if (seed.status !== 200) failures.push(`seed article: ${seed.status}`)
  for (const text of [
    'Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020',
    '15:19 30/11/2019',
    'Thanh Tình',
    'Các bài mới đăng',
    'Lấy lại mã bảo mật',
  ]) {
    if (!html.includes(text)) failures.push(`seed article lacks "${text}"`)
  }
  const home = await fetch(`${origin}/`)
  await home.arrayBuffer()
  if (home.status !== 200) failures.push(`home: ${home.status}`)
  const again = await fetch(`${origin}${SEED}`)
  await again.arrayBuffer()
  if (again.headers.get('x-cache') !== 'HIT')
    failures.push(`second read x-cache: ${again.headers.get('x-cache')}`)
  // Every browser file the page links to is served, under its hashed name, for a year; the
  // icon for a day. Files the assets layer serves carry the security headers of public/_headers
  // (the test pool serves no assets, so only this run sees them).
  const assets = [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!)
  for (const path of [...assets, '/favicon.svg']) {
    const asset = await fetch(`${origin}${path}`)
    await asset.arrayBuffer()
    const h = asset.headers
    if (asset.status !== 200) failures.push(`${path}: ${asset.status}`)
    const cacheControl = path === '/favicon.svg' ? 'public, max-age=86400' : 'immutable'
    if (!h.get('cache-control')?.includes(cacheControl))
      failures.push(`${path}: cache-control ${h.get('cache-control')}`)
    if (h.get('x-content-type-options') !== 'nosniff') failures.push(`${path}: no nosniff`)
    if (h.get('referrer-policy') !== 'strict-origin-when-cross-origin')
      failures.push(`${path}: referrer-policy ${h.get('referrer-policy')}`)
    if (!h.get('permissions-policy')?.includes('camera=()'))
      failures.push(`${path}: permissions-policy ${h.get('permissions-policy')}`)
  }
  return failures
}

/** The cron can be run by hand locally, as the README says, and the handler really runs. */
async function checkCron(origin: string, output: () => string): Promise<string[]> {
  const res = await fetch(`${origin}/cdn-cgi/local/scheduled?cron=*+*+*+*+*`)
  await res.arrayBuffer()
  if (res.status !== 200) return [`/cdn-cgi/local/scheduled: ${res.status}`]
  for (let i = 0; i < 20 && !output().includes('"message":"scheduled run"'); i++) {
    await new Promise((r) => setTimeout(r, 250))
  }
  return output().includes('"message":"scheduled run"')
    ? []
    : ['the scheduled handler did not log its run after /cdn-cgi/local/scheduled']
}

const portal = await startPortal('smoke', async (origin) => {
  const res = await fetch(`${origin}/healthz`)
  if (!res.ok) throw new Error(`healthz ${res.status}`)
})
const failures = [
  ...(await check(portal.origin)),
  ...(await checkCron(portal.origin, portal.output)),
]
await portal.stop()
if (failures.length > 0) {
  console.error(portal.output().slice(-4000))
  console.error(`Smoke test failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log(
  `Smoke test passed: npm start served the seed article and home page and ran the cron at ${portal.origin}.`,
)
