/**
 * `npm run bench`: the edge-cache benchmark. Seeds local D1 databases at scale, starts the
 * worker with `wrangler dev` on each, loads it with autocannon from this machine, and prints
 * req/s, p50 and p99 with the ratios the cache is judged by. Writes bench/results.json.
 *
 *   (a) a cached article page              (b) uncached renders of distinct articles
 *   (c) the floor: a constant-response worker serving the same bytes (headers and body) with
 *       this deployment's config, asset router included; also a bare worker and a static asset
 *   (d) home page 1 vs page 400 (uncached) (e) an article page with 1,000 vs 100,000 articles
 *   (f) the view beacon (POST /api/luot-xem/<id>), counted in the Durable Object
 * and first, without a server, the renderer's and the revision diff's worst cases at the body
 * limit against ordinary text (bench/worst-case.ts).
 *
 * "Uncached" runs a worker whose cache keeps nothing fresh or stale (CACHE_TTL_SECONDS and
 * CACHE_STALE_SECONDS 0): every page has one canonical URL, so a made-up parameter no longer
 * makes a new cache entry (it is redirected).
 *
 * It is a benchmark, not a test: figures depend on the machine. Environment: BENCH_SECONDS
 * (default 8), BENCH_CONNECTIONS (default 10) and BENCH_ROUNDS (default 5: the cached page and
 * the floors are loaded in turn that many times; medians and per-round ratios are reported).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import autocannon from 'autocannon'
import { viewBeaconPath } from '../src/lib/view-beacon'
import { prepareDatabase, root, startDev, stop, work } from './lib'
import { printWorstCases, worstCases } from './worst-case'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
/** Headers that describe the connection, not the response: each server sets its own. */
const HOP_BY_HOP = new Set([
  'transfer-encoding',
  'connection',
  'keep-alive',
  'content-length',
  'date',
])

type Row = {
  name: string
  reqPerSec: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

/** Runs one load; `path(i)` gives the path of the i-th request, `extra(i)` its method and headers. */
async function load(
  name: string,
  port: number,
  path: (i: number) => string,
  extra?: (i: number) => { method: 'POST'; headers: Record<string, string> },
): Promise<Row> {
  let i = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          const n = i++
          return { ...req, path: path(n), ...extra?.(n) }
        },
      },
    ],
  })
  const row = {
    name,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
  console.log(
    `  ${name}: ${row.reqPerSec} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}`,
  )
  // A load that answered with errors or redirects measured something else: stop there.
  if (row.non2xx > 0 || row.errors > 0) {
    throw new Error(`${name}: ${row.non2xx} non-2xx answers and ${row.errors} errors`)
  }
  return row
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100

/** The row with the median req/s. */
function median(list: Row[]): Row {
  return [...list].sort((x, y) => x.reqPerSec - y.reqPerSec)[Math.floor(list.length / 2)]!
}

async function main() {
  mkdirSync(work, { recursive: true })
  const worst = worstCases()
  printWorstCases(worst)
  console.log('Seeding local databases (1,000, 10,000 and 100,000 articles)…')
  const db10k = prepareDatabase('10k', 10_000, 100_000)
  const db1k = prepareDatabase('1k', 1_000, 10_000)
  const db100k = prepareDatabase('100k', 100_000, 100_000)
  const noStale = ['--var', 'CACHE_TTL_SECONDS:3600']
  const noCache = ['--var', 'CACHE_TTL_SECONDS:0', '--var', 'CACHE_STALE_SECONDS:0']
  const rows: Record<string, Row> = {}

  // The page as a cached hit answers it, headers and body: every floor serves these bytes.
  const articlePath = '/bai-viet/bai-viet-so-5000'
  let dev = await startDev(['--persist-to', db10k, ...noStale], 8790)
  await (await fetch(`http://127.0.0.1:8790${articlePath}`)).arrayBuffer()
  const hitRes = await fetch(`http://127.0.0.1:8790${articlePath}`)
  const page = await hitRes.text()
  const headers = [...hitRes.headers].filter(([name]) => !HOP_BY_HOP.has(name))
  await stop(dev)
  if (hitRes.headers.get('x-cache') !== 'HIT') throw new Error('the article page was not a HIT')
  const staticDir = resolve(root, 'public/__bench')
  mkdirSync(staticDir, { recursive: true })
  writeFileSync(resolve(staticDir, 'article.html'), page)

  // The floor workers: a constant response of the same bytes, no logic. "Same runtime" is the
  // one that runs this deployment: its config and the asset router in front of the worker
  // (every request to the portal passes it first, in production too). The bare worker, without
  // the router and with only a content type, is measured as well, for reference.
  const floorDir = resolve(work, 'floor')
  mkdirSync(floorDir, { recursive: true })
  writeFileSync(
    resolve(floorDir, 'worker.js'),
    `const body = ${JSON.stringify(page)}\nconst headers = ${JSON.stringify(headers)}\n` +
      `const bare = [['content-type', 'text/html; charset=UTF-8']]\n` +
      `export default { fetch(req) { return new Response(body, { headers: new URL(req.url).pathname === '/bare' ? bare : headers }) } }\n`,
  )
  const config = readFileSync(resolve(root, 'wrangler.toml'), 'utf8')
  const setting = (name: string) => new RegExp(`^${name} = .*$`, 'm').exec(config)?.[0] ?? ''
  const floorConfig = [
    'main = "worker.js"',
    setting('compatibility_date'),
    setting('compatibility_flags'),
  ].join('\n')
  writeFileSync(resolve(floorDir, 'bare.toml'), `name = "floor-bare"\n${floorConfig}\n`)
  writeFileSync(
    resolve(floorDir, 'wrangler.toml'),
    `name = "floor"\n${floorConfig}\n[assets]\ndirectory = ${JSON.stringify(resolve(root, 'public'))}\nbinding = "ASSETS"\n`,
  )

  // The cached page and the floors in turn, ROUNDS times: the machine's drift hits all of them,
  // and the ratios are taken round by round.
  console.log(`Cached article and the floors, ${ROUNDS} rounds in turn (10,000 articles):`)
  dev = await startDev(['--persist-to', db10k, ...noStale], 8790)
  const floorDev = await startDev(['--config', resolve(floorDir, 'wrangler.toml')], 8791)
  const bareDev = await startDev(['--config', resolve(floorDir, 'bare.toml')], 8794)
  const rounds: { cached: Row; floor: Row; floorBare: Row; floorStatic: Row }[] = []
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push({
      cached: await load('(a) cached article', 8790, () => articlePath),
      floor: await load('(c) floor: constant response, same config and bytes', 8791, () => '/'),
      floorBare: await load('(c) constant response, bare worker', 8794, () => '/bare'),
      floorStatic: await load(
        '(c) the same body as a static asset',
        8790,
        () => '/__bench/article',
      ),
    })
  }
  await stop(bareDev)
  await stop(floorDev)
  await stop(dev)
  rows.cached = median(rounds.map((r) => r.cached))
  rows.floor = median(rounds.map((r) => r.floor))
  rows.floorBare = median(rounds.map((r) => r.floorBare))
  rows.floorStatic = median(rounds.map((r) => r.floorStatic))
  const perRound = {
    cachedOverFloor: rounds.map((r) => ratio(r.cached.reqPerSec, r.floor.reqPerSec)),
    cachedOverBareWorker: rounds.map((r) => ratio(r.cached.reqPerSec, r.floorBare.reqPerSec)),
    cachedOverStaticFloor: rounds.map((r) => ratio(r.cached.reqPerSec, r.floorStatic.reqPerSec)),
  }

  console.log('Uncached pages and the view beacon (10,000 articles, 100,000 comments):')
  const secret = 'bench-secret-key'
  const beaconPaths = await Promise.all(
    Array.from({ length: 10_000 }, (_, i) => viewBeaconPath({ SECRET_KEY: secret }, i + 1)),
  )
  dev = await startDev(['--persist-to', db10k, ...noCache, '--var', `SECRET_KEY:${secret}`], 8790)
  rows.uncached = await load(
    '(b) uncached articles',
    8790,
    (i) => `/bai-viet/bai-viet-so-${(i % 10_000) + 1}`,
  )
  rows.home1 = await load('(d) home page 1, uncached', 8790, () => '/')
  rows.home400 = await load('(d) home page 400, uncached', 8790, () => '/?page=400')
  rows.beacon = await load(
    '(f) view beacon',
    8790,
    (i) => beaconPaths[i % 10_000]!,
    (i) => ({
      method: 'POST',
      headers: {
        'sec-fetch-site': 'same-origin',
        'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/131 Mobile Safari/537.36',
        'cf-connecting-ip': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      },
    }),
  )
  await stop(dev)

  console.log('Article page with 1,000 and with 100,000 articles (uncached):')
  dev = await startDev(['--persist-to', db1k, ...noCache], 8792)
  rows.article1k = await load(
    '(e) article, 1,000 articles',
    8792,
    () => '/bai-viet/bai-viet-so-500',
  )
  await stop(dev)
  dev = await startDev(['--persist-to', db100k, ...noCache], 8793)
  rows.article100k = await load(
    '(e) article, 100,000 articles',
    8793,
    () => '/bai-viet/bai-viet-so-50000',
  )
  await stop(dev)

  const ratios = {
    cachedOverFloor: ratio(rows.cached.reqPerSec, rows.floor.reqPerSec),
    uncachedOverFloor: ratio(rows.uncached.reqPerSec, rows.floor.reqPerSec),
    cachedOverBareWorker: ratio(rows.cached.reqPerSec, rows.floorBare.reqPerSec),
    cachedOverStaticAsset: ratio(rows.cached.reqPerSec, rows.floorStatic.reqPerSec),
    home400OverHome1Latency: ratio(rows.home400.p50, rows.home1.p50),
    home1OverHome400Throughput: ratio(rows.home1.reqPerSec, rows.home400.reqPerSec),
    article100kOver1kLatency: ratio(rows.article100k.p50, rows.article1k.p50),
    article1kOver100kThroughput: ratio(rows.article1k.reqPerSec, rows.article100k.reqPerSec),
  }
  console.log('\n| scenario | req/s | p50 ms | p99 ms | non-2xx |\n|---|---:|---:|---:|---:|')
  for (const r of Object.values(rows))
    console.log(`| ${r.name} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.non2xx} |`)
  console.log(
    '\nRatios (targets: a/c ≥ 0.8, b/c ≥ 0.15, page 400 and 100k no slower than 1.3× page 1 and 1k):',
  )
  for (const [k, v] of Object.entries(ratios)) console.log(`  ${k}: ${v}`)
  for (const [k, v] of Object.entries(perRound))
    console.log(`  ${k}, round by round: ${v.join(', ')}`)
  mkdirSync(resolve(root, 'bench'), { recursive: true })
  writeFileSync(
    resolve(root, 'bench/results.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        seconds: SECONDS,
        connections: CONNECTIONS,
        rounds: ROUNDS,
        rows,
        ratios,
        perRound,
        worst,
      },
      null,
      2,
    ) + '\n',
  )
  console.log('\nWrote bench/results.json')
}

try {
  await main()
} finally {
  rmSync(resolve(root, 'public/__bench'), { recursive: true, force: true })
}
