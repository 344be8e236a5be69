/**
 * `npm run soak`: mixed load on `wrangler dev` for SOAK_SECONDS (default 600) at about
 * SOAK_RATE requests a second (default 100), as readers and editors use the portal at once:
 * cached pages, cache misses, searches and view beacons; a comment a second (with a solved
 * security code); every 30 s an edit and a moderation that purge hot pages, each followed by 20
 * simultaneous readers of the page just purged. It reports every status, connection errors
 * (resets), comments accepted against comments stored, and memory with its slope over the last
 * five minutes: the worker isolate's V8 heap (through the inspector) and workerd's resident
 * memory; writes bench/soak-results.json. A benchmark, not a test: it only
 * talks to 127.0.0.1 and stops by itself.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { solveChallenge, type Challenge } from 'altcha-lib'
import { deriveKey as pbkdf2 } from 'altcha-lib/algorithms/web/pbkdf2'
import { viewBeaconPath } from '../src/lib/view-beacon'
import { connectHeapReader } from './isolate-heap'
import { prepareDatabase, root, startDev, stop, wrangler } from './lib'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600)
const RATE = Number(process.env.SOAK_RATE ?? 100)
const PORT = 8795
const INSPECTOR_PORT = 9795
const ORIGIN = `http://127.0.0.1:${PORT}`
const TOKEN = 'soak-admin-token'
const SECRET_KEY = 'soak-secret-key'
const ADMIN = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }
const ARTICLES = 10_000
const HOT = Array.from({ length: 20 }, (_, i) => `/bai-viet/bai-viet-so-${ARTICLES - i}`)
const LISTS = ['/', '/chuyen-muc/tin-tuc', '/chuyen-muc/kinh-te', '/chuyen-muc/van-hoa', '/rss.xml']
const WORDS = ['thong tin', 'doi ngoai', 'huyen uy', 'ke hoach', 'Thường Tín', 'bài viết']

const statuses = new Map<string, number>()
const errors = new Map<string, number>()
let sent = 0
let inFlight = 0

function tally(kind: string, status: number | string) {
  const key = `${kind} ${status}`
  statuses.set(key, (statuses.get(key) ?? 0) + 1)
}

/** One request; a failure to get any answer (reset, refused) is counted by its cause. */
async function hit(
  kind: string,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; text: string } | null> {
  sent += 1
  inFlight += 1
  try {
    const res = await fetch(`${ORIGIN}${path}`, { redirect: 'manual', ...init })
    const text = await res.text()
    tally(kind, res.status)
    return { status: res.status, text }
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? String(err).slice(0, 60)
    errors.set(cause, (errors.get(cause) ?? 0) + 1)
    tally(kind, 'error')
    return null
  } finally {
    inFlight -= 1
  }
}

const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!

/** The reader mix: cached pages, misses, searches, view beacons. */
function readerRequest(i: number) {
  const r = Math.random()
  if (r < 0.7) return hit('cached', pick([...HOT, ...LISTS]))
  if (r < 0.87)
    return hit('miss', `/bai-viet/bai-viet-so-${1 + Math.floor(Math.random() * ARTICLES)}`)
  // URLs readers invent: unknown slugs (a stored 404 each) and made-up parameters (redirected).
  if (r < 0.9) {
    const junk = Math.random().toString(36).slice(2)
    return hit('invented', pick([`/bai-viet/khong-co-${junk}`, `/?utm_source=${junk}`]))
  }
  if (r < 0.95) return hit('search', `/tim-kiem?${new URLSearchParams({ q: pick(WORDS) })}`)
  return hit('beacon', beaconPaths[i % ARTICLES]!, {
    method: 'POST',
    headers: { 'sec-fetch-site': 'same-origin', 'user-agent': 'Mozilla/5.0 Chrome/131' },
  })
}

/** Each article's beacon path, token included, as its page gives it. */
const beaconPaths = await Promise.all(
  Array.from({ length: ARTICLES }, (_, i) => viewBeaconPath({ SECRET_KEY }, i + 1)),
)

const accepted = new Set<string>()
let commentNo = 0

/** A reader's comment with a solved security code; accepted when answered 303. */
async function comment() {
  const n = ++commentNo
  const marker = `SOAK-${n}-${Date.now().toString(36)}`
  const challengeRes = await hit('captcha', '/api/captcha')
  if (challengeRes?.status !== 200) return
  const challenge = JSON.parse(challengeRes.text) as Challenge
  const solution = await solveChallenge({ challenge, deriveKey: pbkdf2 })
  if (!solution) return
  const slug = pick(HOT).slice('/bai-viet/'.length)
  const res = await hit('comment', `/bai-viet/${slug}/binh-luan`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': `198.51.${(n >> 8) & 255}.${n & 255}`,
    },
    body: new URLSearchParams({
      name: 'Bạn đọc thử tải',
      title: 'Góp ý',
      content: `Nội dung ${marker}`,
      altcha: btoa(JSON.stringify({ challenge, solution })),
    }),
  })
  if (res?.status === 303) accepted.add(marker)
}

/** Every 30 s: an edit and a moderation, then 20 readers at once on the page just purged. */
async function editorRound(round: number) {
  const slug = HOT[round % HOT.length]!.slice('/bai-viet/'.length)
  const id = ARTICLES - (round % HOT.length)
  await hit('edit', `/api/admin/articles/${id}`, {
    method: 'PATCH',
    headers: ADMIN,
    body: JSON.stringify({ lead: `Tóm tắt sửa lần ${round} lúc ${new Date().toISOString()}` }),
  })
  const burst = await Promise.all(
    Array.from({ length: 20 }, () => hit('after-purge', `/bai-viet/${slug}`)),
  )
  burstStatuses.push(...burst.map((r) => r?.status ?? 0))
  const queue = await hit('queue', '/api/admin/comments?status=pending', { headers: ADMIN })
  if (queue?.status !== 200) return
  const items = (JSON.parse(queue.text) as { items?: { id: number }[] }).items ?? []
  if (items.length > 0) {
    await hit('moderate', '/api/admin/comments/moderate', {
      method: 'POST',
      headers: ADMIN,
      body: JSON.stringify({ ids: items.slice(0, 20).map((c) => c.id), action: 'approve' }),
    })
  }
}
const burstStatuses: number[] = []

/** Resident memory (MB) of the workerd processes under `pid`. */
function workerdMb(pid: number): number {
  const parent = new Map<number, number>()
  const name = new Map<number, string>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parent.set(Number(entry), ppid)
      name.set(Number(entry), comm)
    } catch {
      // The process ended while we looked.
    }
  }
  const under = (p: number): boolean => {
    for (let q = p, hops = 0; q > 1 && hops < 20; q = parent.get(q) ?? 0, hops++) {
      if (q === pid) return true
    }
    return false
  }
  let kb = 0
  for (const [p, comm] of name) {
    if (!comm.startsWith('workerd') || !under(p)) continue
    const status = readFileSync(`/proc/${p}/status`, 'utf8')
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  }
  return Math.round(kb / 1024)
}

/** Least-squares slope of (seconds, MB) points, in MB a minute. */
function slopePerMinute(points: [number, number][]): number {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return Math.round((num / den) * 60 * 100) / 100
}

/** The lowest reading of each whole minute, stamped at the minute's end (seconds, MB). */
function minimumPerMinute(points: [number, number][]): [number, number][] {
  const minutes = new Map<number, number>()
  for (const [t, mb] of points) {
    const m = Math.floor(t / 60)
    minutes.set(m, Math.min(minutes.get(m) ?? Infinity, mb))
  }
  return [...minutes].map(([m, mb]) => [(m + 1) * 60, mb])
}

/** The soak comments D1 holds, each marker with how often it is stored. */
function storedMarkers(dir: string): Map<string, number> {
  const out = wrangler([
    'd1',
    'execute',
    'DB',
    '--local',
    '--persist-to',
    dir,
    '--json',
    '--command',
    "SELECT content FROM comments WHERE content LIKE 'Nội dung SOAK-%'",
  ])
  const rows = (JSON.parse(out) as { results: { content: string }[] }[])[0]!.results
  const counts = new Map<string, number>()
  for (const { content } of rows) {
    const marker = content.replace('Nội dung ', '')
    counts.set(marker, (counts.get(marker) ?? 0) + 1)
  }
  return counts
}

async function main() {
  console.log(`Soak: ${SECONDS} s at about ${RATE} requests a second on ${ORIGIN}`)
  const dir = prepareDatabase('soak', ARTICLES, 20_000)
  const dev = await startDev(
    [
      '--persist-to',
      dir,
      '--var',
      `ADMIN_TOKEN:${TOKEN}`,
      '--var',
      `SECRET_KEY:${SECRET_KEY}`,
      '--var',
      'CAPTCHA_COST:10',
      '--var',
      'CAPTCHA_MAX_COUNTER:60',
      '--inspector-port',
      String(INSPECTOR_PORT),
    ],
    PORT,
  )
  const heap = await connectHeapReader(INSPECTOR_PORT)
  const started = Date.now()
  const memory: [number, number][] = []
  const heapSamples: [number, number][] = []
  const timers = [
    setInterval(() => {
      // Bounded: a server that stops answering does not pile up requests without end.
      if (inFlight < 400) void readerRequest(sent)
    }, 1000 / RATE),
    setInterval(() => void comment(), 1000),
    setInterval(() => memory.push([(Date.now() - started) / 1000, workerdMb(dev.pid!)]), 10_000),
    setInterval(async () => {
      const t = (Date.now() - started) / 1000
      const mb = await heap.usedMb()
      if (mb !== null) heapSamples.push([t, mb])
    }, 5_000),
  ]
  let round = 0
  const editor = setInterval(() => void editorRound(round++), 30_000)
  const progress = setInterval(() => {
    const fivexx = [...statuses].filter(([k]) => / 5\d\d$/.test(k)).reduce((s, [, n]) => s + n, 0)
    console.log(
      `  ${Math.round((Date.now() - started) / 1000)} s: ${sent} sent, ${fivexx} × 5xx, ` +
        `${[...errors.values()].reduce((s, n) => s + n, 0)} errors, ${accepted.size} comments, ` +
        `workerd ${memory.at(-1)?.[1] ?? '?'} MB, isolate heap ${heapSamples.at(-1)?.[1] ?? '?'} MB`,
    )
  }, 60_000)
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  for (const t of [...timers, editor, progress]) clearInterval(t)
  // Let what is in flight finish (bounded).
  for (let i = 0; i < 60 && inFlight > 0; i++) await new Promise((r) => setTimeout(r, 500))
  heap.close()
  await stop(dev)

  const stored = storedMarkers(dir)
  const storedOnce = [...accepted].filter((m) => stored.get(m) === 1).length
  const lastFive = memory.filter(([t]) => t >= SECONDS - 300)
  const result = {
    date: new Date().toISOString(),
    seconds: SECONDS,
    rate: RATE,
    sent,
    statuses: Object.fromEntries([...statuses].sort()),
    fivexx: [...statuses].filter(([k]) => / 5\d\d$/.test(k)).reduce((s, [, n]) => s + n, 0),
    connectionErrors: Object.fromEntries(errors),
    comments: {
      accepted: accepted.size,
      storedOnce,
      storedTwice: [...stored.values()].filter((n) => n > 1).length,
      storedNotAccepted: [...stored.keys()].filter((m) => !accepted.has(m)).length,
    },
    afterPurgeBursts: {
      readers: burstStatuses.length,
      non200: burstStatuses.filter((s) => s !== 200).length,
    },
    workerdMb: { first: memory[0]?.[1], last: memory.at(-1)?.[1], samples: memory },
    slopeLastFiveMinutesMbPerMin: slopePerMinute(lastFive),
    isolateHeapMb: {
      first: heapSamples[0]?.[1],
      last: heapSamples.at(-1)?.[1],
      max: Math.max(...heapSamples.map(([, mb]) => mb)),
      // The heap in use rises and falls with garbage collection; what a leak raises is the
      // lowest reading of each minute.
      minimumPerMinute: minimumPerMinute(heapSamples),
      samples: heapSamples,
    },
    isolateHeapSlopeLastFiveMinutesMbPerMin: slopePerMinute(
      minimumPerMinute(heapSamples).filter(([t]) => t >= SECONDS - 300),
    ),
  }
  writeFileSync(resolve(root, 'bench/soak-results.json'), JSON.stringify(result, null, 2) + '\n')
  const { samples: _samples, ...mem } = result.workerdMb
  const { samples: _heap, ...heapSummary } = result.isolateHeapMb
  console.log(JSON.stringify({ ...result, workerdMb: mem, isolateHeapMb: heapSummary }, null, 2))
}

await main()
