/**
 * `npm run bench:phone`: what a reader on a phone gets. Starts the portal as `npm start` does
 * (its own local state, `.wrangler/bench-phone`, sample content) and loads the home page, a
 * category, the seed article and a topic in Debian's Chromium (playwright-core) at 375 × 812 px
 * (device scale 2, touch, vi-VN), with the DevTools protocol throttling the network to a
 * "Slow 4G"-like profile (150 ms added to each request, 204,800 B/s down, 96,000 B/s up) and the
 * CPU 4× slower. Each load gets a new browser context (empty HTTP cache, no cookies); the edge
 * cache is warmed with two plain fetches of the URL just before, so the page comes from the cache
 * as in production.
 *
 * Per load: LCP and CLS from PerformanceObservers installed before the page's own code (CLS is
 * the plain sum of layout shifts without recent input), FCP, TTFB (the page's headers after its
 * request, from the protocol's timing: Navigation Timing misses the emulated latency), the bytes
 * on the wire (`Network.loadingFinished` encodedDataLength: all requests, and scripts alone), the
 * number of requests, requests to other origins and the render-blocking ones (Resource Timing's
 * renderBlockingStatus). Reports the median and min–max over the runs, and writes
 * bench/phone-results.json (every run, machine, versions) and bench/phone-results.md.
 *
 * It is a benchmark, not a test (not part of `npm test`), but it exits non-zero when a page's
 * median LCP is 2,500 ms or more, its median CLS 0.05 or more, or any request goes to another
 * origin. `--runs N` (default 5).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { format, resolveConfig } from 'prettier'
import { startPortal } from '../scripts/lib/portal'
import { launch } from '../scripts/lib/chromium'

const root = resolve(import.meta.dirname, '..')

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'category', path: '/chuyen-muc/tin-tuc-su-kien' },
  {
    name: 'article',
    path: '/bai-viet/thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020',
  },
  { name: 'topic', path: '/chu-de/thong-tin-doi-ngoai' },
] as const

/** DevTools' network emulation: latency is added to every request, not to each round trip. */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: 204_800,
  uploadThroughput: 96_000,
  connectionType: 'cellular4g',
} as const
const CPU_SLOWDOWN = 4
const VIEWPORT = { width: 375, height: 812 }
const USER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/156.0.0.0 Mobile Safari/537.36'
const CONDITIONS =
  `${VIEWPORT.width}×${VIEWPORT.height} px, device scale 2, touch, vi-VN; network latency ` +
  `${NETWORK.latency} ms per request, ${NETWORK.downloadThroughput} B/s down (≈1.6 Mbit/s), ` +
  `${NETWORK.uploadThroughput} B/s up (≈750 kbit/s); CPU ${CPU_SLOWDOWN}× slower`
/** Acceptance: at 375 px throttled, LCP under 2.5 s, CLS under 0.05, nothing from elsewhere. */
const LIMITS = { lcpMs: 2500, cls: 0.05 }

function runsFromArgs(): number {
  const i = process.argv.indexOf('--runs')
  if (i === -1) return 5
  const n = Number(process.argv[i + 1])
  if (!Number.isInteger(n) || n < 1) throw new Error('--runs takes a whole number of 1 or more')
  return n
}

/** Installed before any of the page's code: records LCP and layout shifts as they happen. */
const OBSERVERS = `
  window.__phone = { lcp: 0, lcpElement: '', cls: 0, shifts: [] }
  const describe = (node) => {
    if (!node || !node.tagName) return ''
    let s = node.tagName.toLowerCase()
    if (node.id) s += '#' + node.id
    else if (node.classList && node.classList.length) s += '.' + [...node.classList].join('.')
    return s
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__phone.lcp = e.startTime
      window.__phone.lcpElement = describe(e.element) + (e.url ? ' ' + e.url : '')
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue
      window.__phone.cls += e.value
      window.__phone.shifts.push(
        e.value.toFixed(4) + ' ' + (e.sources || []).map((s) => describe(s.node)).join(', '),
      )
    }
  }).observe({ type: 'layout-shift', buffered: true })
`

/** Read once the page has settled. */
const READ = `(() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]
  return {
    ...window.__phone,
    fcp: fcp ? fcp.startTime : 0,
    renderBlocking: performance
      .getEntriesByType('resource')
      .filter((r) => r.renderBlockingStatus === 'blocking')
      .map((r) => r.name),
  }
})()`

type Observed = {
  lcp: number
  lcpElement: string
  cls: number
  shifts: string[]
  fcp: number
  renderBlocking: string[]
}

type Load = {
  lcpMs: number
  cls: number
  fcpMs: number
  ttfbMs: number
  transferBytes: number
  scriptBytes: number
  requests: number
  scripts: string[]
  /** Every request: type, address (this origin's without it) and bytes. */
  files: string[]
  otherOrigin: string[]
  renderBlocking: string[]
  renderBlockingOtherOrigin: string[]
  lcpElement: string
  shifts: string[]
  documentCache: string
  load1: number
}

/** Requests the edge cache would answer for a reader: twice, so the second is a stored page. */
async function warm(url: string): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const res = await fetch(url)
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}, not 200`)
  }
}

async function measure(browser: Browser, origin: string, path: string): Promise<Load> {
  const url = origin + path
  await warm(url)
  const context = await browser.newContext({
    viewport: VIEWPORT,
    screen: VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    userAgent: USER_AGENT,
  })
  try {
    const page = await context.newPage()
    const otherOrigin = new Set<string>()
    context.on('request', (r) => {
      const u = r.url()
      if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin)
        otherOrigin.add(u)
    })
    const cdp = await context.newCDPSession(page)
    const requests = new Map<string, { url: string; type: string }>()
    const finished = new Map<string, number>()
    let documentCache = ''
    let ttfb = 0
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:') || e.request.url.startsWith('blob:')) return
      requests.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other' })
    })
    cdp.on('Network.responseReceived', (e) => {
      const known = requests.get(e.requestId)
      if (known) known.type = e.type
      if (e.type === 'Document' && e.response.url === url) {
        const h = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'x-cache')
        documentCache = h?.[1] ?? ''
        // Navigation Timing does not see DevTools' emulated latency; the protocol's timing does.
        ttfb = e.response.timing?.receiveHeadersEnd ?? 0
      }
    })
    cdp.on('Network.loadingFinished', (e) => finished.set(e.requestId, e.encodedDataLength))
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', NETWORK)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    await page.addInitScript({ content: OBSERVERS })
    const load1 = loadavg()[0]!
    const res = await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
    if (res?.status() !== 200) throw new Error(`${url} answered ${res?.status()} in Chromium`)
    await page.waitForLoadState('networkidle', { timeout: 60_000 })
    await page.waitForTimeout(1000)
    const seen = (await page.evaluate(READ)) as Observed
    let transferBytes = 0
    let scriptBytes = 0
    const scripts: string[] = []
    const files: string[] = []
    for (const [id, r] of requests) {
      const bytes = finished.get(id)
      const label = `${r.url.replace(origin, '')} (${bytes ?? 'unfinished'} B)`
      files.push(`${r.type} ${label}`)
      if (bytes === undefined) continue
      transferBytes += bytes
      if (r.type === 'Script') {
        scriptBytes += bytes
        scripts.push(label)
      }
    }
    const local = (u: string) => u.startsWith(origin + '/')
    return {
      lcpMs: Math.round(seen.lcp),
      cls: Math.round(seen.cls * 10_000) / 10_000,
      fcpMs: Math.round(seen.fcp),
      ttfbMs: Math.round(ttfb),
      transferBytes,
      scriptBytes,
      requests: requests.size,
      scripts,
      files,
      otherOrigin: [...otherOrigin],
      renderBlocking: seen.renderBlocking.map((u) => (local(u) ? u.replace(origin, '') : u)),
      renderBlockingOtherOrigin: seen.renderBlocking.filter((u) => !local(u)),
      lcpElement: seen.lcpElement.replace(origin, ''),
      shifts: seen.shifts,
      documentCache,
      load1: Math.round(load1 * 100) / 100,
    }
  } finally {
    await context.close()
  }
}

/** The median (the mean of the two middle values for an even count). */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

const METRICS = [
  { key: 'lcpMs', label: 'LCP ms', digits: 0 },
  { key: 'cls', label: 'CLS', digits: 4 },
  { key: 'fcpMs', label: 'FCP ms', digits: 0 },
  { key: 'ttfbMs', label: 'TTFB ms', digits: 0 },
  { key: 'transferBytes', label: 'Transfer B', digits: 0 },
  { key: 'scriptBytes', label: 'Script B', digits: 0 },
  { key: 'requests', label: 'Requests', digits: 0 },
] as const
type MetricKey = (typeof METRICS)[number]['key']

const fmt = (v: number, digits: number) =>
  digits ? v.toFixed(digits) : Math.round(v).toLocaleString('en-US')

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
  } catch {
    return ''
  }
}

/** Writes a results file as `npm run format` would leave it, so `format:check` stays clean. */
async function writeFormatted(file: string, text: string): Promise<void> {
  const path = resolve(root, file)
  const options = (await resolveConfig(path)) ?? {}
  writeFileSync(path, await format(text, { ...options, filepath: path }))
}

async function main(): Promise<number> {
  const runs = runsFromArgs()
  console.log(`Phone benchmark: ${runs} runs of ${PAGES.length} pages; ${CONDITIONS}`)
  const loadStart = loadavg().map((v) => Math.round(v * 100) / 100)
  console.log('Starting the portal (sample content, .wrangler/bench-phone)…')
  const portal = await startPortal('bench-phone', async (origin) => {
    const res = await fetch(`${origin}/healthz`)
    if (!res.ok) throw new Error(`healthz ${res.status}`)
  })
  let browser: Browser | undefined
  const loads: Record<string, Load[]> = Object.fromEntries(PAGES.map((p) => [p.name, []]))
  try {
    for (const p of PAGES) await warm(portal.origin + p.path)
    // The same Chromium, started the same way, as the browser journeys.
    browser = await launch()
    // A first load nobody counts: Chromium and workerd start their caches and JIT.
    await measure(browser, portal.origin, PAGES[0].path)
    for (let run = 1; run <= runs; run++) {
      for (const p of PAGES) {
        const l = await measure(browser, portal.origin, p.path)
        loads[p.name]!.push(l)
        console.log(
          `  run ${run} ${p.name}: LCP ${l.lcpMs} ms, CLS ${l.cls}, ${l.transferBytes} B ` +
            `(scripts ${l.scriptBytes} B), ${l.requests} requests, ` +
            `page ${l.documentCache || '?'}, load ${l.load1}`,
        )
      }
    }
    const chromiumVersion = browser.version()
    const loadEnd = loadavg().map((v) => Math.round(v * 100) / 100)

    const summary = PAGES.map((p) => {
      const list = loads[p.name]!
      const stat = (k: MetricKey) => {
        const values = list.map((l) => l[k])
        return { median: median(values), min: Math.min(...values), max: Math.max(...values) }
      }
      return {
        page: p.name,
        path: p.path,
        ...(Object.fromEntries(METRICS.map((m) => [m.key, stat(m.key)])) as Record<
          MetricKey,
          { median: number; min: number; max: number }
        >),
        otherOrigin: [...new Set(list.flatMap((l) => l.otherOrigin))],
        renderBlockingOtherOrigin: [...new Set(list.flatMap((l) => l.renderBlockingOtherOrigin))],
        renderBlocking: [...new Set(list.flatMap((l) => l.renderBlocking))],
        scripts: list[0]?.scripts ?? [],
        files: list[0]?.files ?? [],
        lcpElement: list[0]?.lcpElement ?? '',
      }
    })

    const failures: string[] = []
    for (const s of summary) {
      if (s.lcpMs.median >= LIMITS.lcpMs)
        failures.push(`${s.page}: median LCP ${s.lcpMs.median} ms ≥ ${LIMITS.lcpMs} ms`)
      if (s.cls.median >= LIMITS.cls)
        failures.push(`${s.page}: median CLS ${s.cls.median} ≥ ${LIMITS.cls}`)
      if (s.otherOrigin.length)
        failures.push(`${s.page}: requests to other origins: ${s.otherOrigin.join(', ')}`)
    }

    const labels = METRICS.map((m) => m.label).join(' | ')
    const header = `| Page | ${labels} | Other-origin requests | Render-blocking |`
    const rule = `| --- | ${METRICS.map(() => '---:').join(' | ')} | ---: | --- |`
    const rows = summary.map(
      (s) =>
        `| ${s.page} \`${s.path}\` | ${METRICS.map((m) => {
          const v = s[m.key]
          return `${fmt(v.median, m.digits)} (${fmt(v.min, m.digits)}–${fmt(v.max, m.digits)})`
        }).join(' | ')} | ${s.otherOrigin.length} | ${s.renderBlocking.join(', ') || 'none'} |`,
    )
    const commit = git(['rev-parse', '--short', 'HEAD'])
    const dirty = git(['status', '--porcelain']) !== ''
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      loadAverageStart: loadStart,
      loadAverageEnd: loadEnd,
      node: process.version,
      chromium: chromiumVersion,
      playwrightCore: (
        JSON.parse(
          readFileSync(resolve(root, 'node_modules/playwright-core/package.json'), 'utf8'),
        ) as { version: string }
      ).version,
      commit: commit + (dirty ? ' (with uncommitted changes)' : ''),
    }
    const verdict = failures.length ? `**Failed**: ${failures.join('; ')}.` : 'All pages pass.'
    const md = [
      '# Phone benchmark results',
      '',
      `Written by \`npm run bench:phone\` on ${new Date().toISOString()}: ${runs} runs per page, ` +
        `median (min–max). ${CONDITIONS}. Chromium ${chromiumVersion}, ${machine.cpus} CPUs, ` +
        `load average ${loadStart.join(' ')} at the start and ${loadEnd.join(' ')} at the end, ` +
        `commit ${machine.commit}. Method: [docs/phone.md](../docs/phone.md).`,
      '',
      header,
      rule,
      ...rows,
      '',
      `Limits (median): LCP under ${LIMITS.lcpMs} ms, CLS under ${LIMITS.cls}, no request to ` +
        `another origin. ${verdict}`,
      '',
    ].join('\n')
    await writeFormatted('bench/phone-results.md', md)
    const json = JSON.stringify({
      date: new Date().toISOString(),
      runs,
      conditions: { viewport: VIEWPORT, deviceScaleFactor: 2, network: NETWORK, cpuSlowdown: 4 },
      limits: LIMITS,
      machine,
      summary,
      failures,
      loads,
    })
    await writeFormatted('bench/phone-results.json', json)

    console.log(`\n${CONDITIONS}; ${runs} runs, median (min–max)\n`)
    console.log([header, rule, ...rows].join('\n'))
    console.log(
      `\nChromium ${chromiumVersion}, ${machine.cpus} CPUs, load ${loadStart.join(' ')} → ` +
        `${loadEnd.join(' ')}, commit ${machine.commit}`,
    )
    console.log('Wrote bench/phone-results.json and bench/phone-results.md')
    if (failures.length) {
      console.error(`\nFAILED:\n  ${failures.join('\n  ')}`)
      return 1
    }
    console.log('\nAll pages within the limits.')
    return 0
  } finally {
    await browser?.close()
    await portal.stop()
  }
}

process.exitCode = await main()
