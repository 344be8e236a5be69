/**
 * The import drill: `npm run import` brings the NukeViet, WordPress, RSS and Atom fixtures
 * (tests/fixtures/import) into a local state of its own with the counts each export holds; a
 * second run changes nothing; a dry run writes nothing. The portal, started on the imported state
 * as `npm start` starts it, answers the old sites' addresses with 301s to the imported articles,
 * serves their files byte for byte, shows none of the hostile markup nor a comment's phone
 * number, and finds the articles by search and in the sitemap.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { contentTables } from '../../scripts/lib/backup/d1'
import { listObjects } from '../../scripts/lib/backup/r2'
import { openTarget } from '../../scripts/lib/backup/target'
import { portalState, startPortal, type RunningPortal } from '../../scripts/lib/portal'
import type { ImportReport } from '../../src/import/report'

const root = resolve(import.meta.dirname, '../..')
const NAME = 'import-drill'
const STATE = portalState(NAME)
const DRY_STATE = portalState('import-drill-dry')
const FIXTURES = resolve(root, 'tests/fixtures/import')
const NV_FILES = resolve(FIXTURES, 'nukeviet/uploads/news/2024_05')
const WP_FILES = resolve(FIXTURES, 'wordpress/uploads/2024/05')

/**
 * Each export, in the order imported, with its report's counts (created updated unchanged
 * skipped, per kind) and skips as its fixture holds them.
 */
const IMPORTS = [
  {
    name: 'nukeviet',
    args: ['nukeviet', 'tests/fixtures/import/nukeviet'],
    counts: 'category 4 0 0 0, article 11 0 0 2, comment 5 0 0 2, media 4 0 0 2',
    skipped: [
      'article 9: empty body',
      'article 11: missing title',
      'comment 7: article skipped',
      'comment 8: missing article',
      'media /uploads/news/2024_05/khong-ton-tai.jpg: missing file',
      'media x: neither an upload nor a web address',
    ],
  },
  {
    // Its `tin-tuc` joins the category of that name the NukeViet import made: 1 updated.
    name: 'wordpress',
    args: ['wordpress', 'tests/fixtures/import/wordpress/export.xml'],
    counts: 'category 2 1 0 0, article 8 0 0 2, comment 5 0 0 3, media 3 0 0 2',
    skipped: [
      'article 21: page (not an article)',
      'article 22: trashed',
      'comment 104: pingback',
      'comment 107: page (not an article)',
      'comment 108: trashed',
      'media /wp-content/uploads/2024/05/anh-khong-ton-tai.jpg: missing file',
      'media x: neither an upload nor a web address',
    ],
  },
  {
    name: 'rss',
    args: ['feed', 'tests/fixtures/import/feed/rss.xml'],
    counts: 'category 2 1 0 0, article 4 0 0 1, comment 0 0 0 0, media 0 0 0 4',
    skipped: [
      'article https://tinlang.example.vn/thoi-su/bai-rong-1237.html: empty body',
      'media /uploads/news/2024_05/cau-2.jpg: missing file',
      'media data:image/png;base64: neither an upload nor a web address',
      'media https://tinlang.example.vn/uploads/audio/ban-tin-13-5.mp3: missing file',
      'media x: missing file',
    ],
  },
  {
    name: 'atom',
    args: ['feed', 'tests/fixtures/import/feed/atom.xml'],
    counts: 'category 2 0 0 0, article 3 0 0 0, comment 0 0 0 0, media 0 0 0 1',
    skipped: ['media /uploads/news/2024_05/clb-tho.jpg: missing file'],
  },
]

const NV1 = '/bai-viet/ha-noi-khoi-cong-cau-tran-hung-dao'
const WP12 = '/bai-viet/hoi-nghi-tong-ket-nam-2023'
const NV_HOSTILE = 'thong-bao-lich-tiep-cong-dan-thang-6'
const RSS_HOSTILE = 'canh-bao-trang-web-gia-mao-lua-dao-script-alert-1-script'
/** Imported articles readers see now (the 2027 and 2030 ones are left out: dates pass). */
const PUBLISHED = `ha-noi-khoi-cong-cau-tran-hung-dao thong-bao-lich-tiep-cong-dan-thang-6
  de-an-pho-di-bo-cho-dem-thuong-tin thong-bao-tuyen-dung thong-bao-tuyen-dung-2
  tin-thuoc-chuyen-muc-da-xoa hoi-nghi-tong-ket-nam-2023 canh-bao-lua-dao-cai-app
  phong-chong-sot-xuat-huyet thong-bao-lich-tiep-cong-dan thong-bao-lich-tiep-cong-dan-2
  khanh-thanh-cau-ben-do-noi-hai-xa huong-dan-dang-ky-thuong-tru-truc-tuyen
  canh-bao-trang-web-gia-mao-lua-dao-script-alert-1-script
  le-hoi-den-mau-thu-hut-hang-nghin-du-khach phat-hien-hang-gia-tai-cho-sieu-thi
  cau-lac-bo-tho-duong-xa-tan-lap-ra-mat`.split(/\s+/)
/** Drafts: by status, suspended, or published without a usable date. */
const DRAFTS = `ban-nhap-ke-hoach-trong-cay tin-khong-ro-ngay-dang tin-da-dinh-chi
  du-thao-ke-hoach-to-chuc-le-hoi-den-mau-2024 lich-cat-dien-thang-3
  ban-tin-nhanh-chieu-13-5`.split(/\s+/)

let portal: RunningPortal | undefined
const firstRun = new Map<string, ImportReport>()

/** Runs `npm run import -- <args> --persist-to <state>` as npm would; returns its JSON report. */
function runImport(args: string[], state: string, name: string, extra: string[] = []) {
  const txt = resolve(state, 'reports', `${name}.txt`)
  const r = spawnSync(
    process.execPath,
    [
      resolve(root, 'node_modules/tsx/dist/cli.mjs'),
      'scripts/import.ts',
      ...[...args, '--persist-to', state, '--report', txt, ...extra],
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  )
  expect(r.status, `${r.stdout}${r.stderr}`).toBe(0)
  expect(existsSync(txt), txt).toBe(true)
  return JSON.parse(readFileSync(txt.replace(/\.txt$/, '.json'), 'utf8')) as ImportReport
}

const countsOf = (r: ImportReport) =>
  Object.entries(r.counts)
    .map(([k, c]) => `${k} ${c.created} ${c.updated} ${c.unchanged} ${c.skipped}`)
    .join(', ')

const skippedOf = (r: ImportReport) =>
  r.skipped
    .map((s) => `${s.kind} ${s.sourceId.replace(/^(data:[^,]*),.*$/, '$1')}: ${s.reason}`)
    .sort()

/** Every row of every content table (rowid order) and every R2 key of a local state. */
async function snapshot(state: string) {
  const target = await openTarget({ kind: 'local', persistTo: state })
  try {
    const tables: Record<string, unknown[]> = {}
    for (const t of await contentTables(target.DB)) {
      tables[t] = (await target.DB.prepare(`select * from "${t}" order by rowid`).all()).results
    }
    const objects: string[] = []
    for await (const o of listObjects(target.MEDIA)) objects.push(o.key)
    return { tables, objects }
  } finally {
    await target.close()
  }
}

const get = (path: string) => fetch(`${portal!.origin}${path}`, { redirect: 'manual' })

/** The old address answers 301 to `to`; returns the page there, which answers 200. */
async function follows(old: string, to: string): Promise<string> {
  const moved = await get(old)
  expect([moved.status, moved.headers.get('location')], old).toEqual([301, to])
  const res = await get(to)
  expect(res.status, to).toBe(200)
  return res.text()
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }

/**
 * The page shows `file` (of the folder `dir`) as the `<img>` described `alt`, or, without `alt`,
 * links it for download; its `/media/...` address serves the file's bytes with its type (an
 * image: the same picture, as wide and high, without metadata, since imports clean images).
 */
async function servesFile(html: string, dir: string, file: string, alt?: string) {
  const found = alt
    ? new RegExp(`<img src="(/media/[^"]+)" alt="${alt}"`).exec(html)
    : new RegExp(`<a href="(/media/[^"]+)" download="${file}"`).exec(html)
  expect(found?.[1], file).toMatch(/^\/media\//)
  const res = await get(found![1]!)
  const type = res.headers.get('content-type')?.split(';')[0]
  expect([res.status, type], file).toEqual([200, MIME[file.split('.').pop()!]])
  const bytes = Buffer.from(await res.arrayBuffer())
  const original = readFileSync(resolve(dir, file))
  if (!alt) {
    expect(bytes.equals(original), file).toBe(true)
    return
  }
  const [got, want] = await Promise.all([sharp(bytes).metadata(), sharp(original).metadata()])
  expect([got.format, got.width, got.height, got.exif], file).toEqual([
    want.format,
    want.width,
    want.height,
    undefined,
  ])
}

/** No markup from a hostile body runs: scripts are the portal's own, no handlers or js links. */
function expectInert(html: string, label: string) {
  const page = html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '')
  for (const tag of page.match(/<script\b[^>]*>/gi) ?? []) {
    expect(tag, label).toMatch(/^<script type="module" src="\/static\/[\w.-]+\.js">$/)
  }
  // A title that was `<script>alert(1)</script>` as text is shown as that text, escaped.
  const text = page.replaceAll('&lt;script&gt;alert(1)&lt;/script&gt;', '')
  expect(text, label).not.toContain('alert(')
  expect(page, label).not.toMatch(/\son[a-z]+=|javascript:|<iframe|<style>body/i)
}

const healthy = async (origin: string) => {
  const res = await fetch(`${origin}/healthz`)
  if (!res.ok) throw new Error(`healthz ${res.status}`)
}

afterAll(async () => {
  await portal?.stop()
})

describe('import drill', () => {
  it('imports each export with the counts and skips its fixture holds', async () => {
    rmSync(STATE, { recursive: true, force: true })
    for (const step of IMPORTS) {
      const report = runImport(step.args, STATE, step.name)
      firstRun.set(step.name, report)
      expect([report.dryRun, report.error], step.name).toEqual([false, undefined])
      expect(countsOf(report), step.name).toBe(step.counts)
      expect(skippedOf(report), step.name).toEqual([...step.skipped].sort())
    }
    const phones = [...firstRun.values()].flatMap((r) =>
      r.warnings.filter((w) => w.message.startsWith('phone number')).map((w) => w.sourceId),
    )
    expect(phones).toEqual(['2', '101'])
    const { tables, objects } = await snapshot(STATE)
    const rows = ['articles', 'comments', 'media', 'categories', 'legacy_paths'].map(
      (t) => `${t} ${tables[t]!.length}`,
    )
    // NukeViet gives each article and category 8 old addresses (rewritten, home module,
    // index.php/ and query forms, with and without the language).
    expect(rows.join(', ')).toBe(
      'articles 26, comments 10, media 7, categories 10, legacy_paths 149',
    )
    // The NukeViet images, cover and PDF; the WordPress image, featured image and PDF.
    expect(objects).toHaveLength(7)
  })

  it('creates and changes nothing when each command runs a second time', async () => {
    const before = await snapshot(STATE)
    for (const step of IMPORTS) {
      const report = runImport(step.args, STATE, `${step.name}-again`)
      const first = firstRun.get(step.name)!
      for (const kind of ['category', 'article', 'comment', 'media'] as const) {
        const c = report.counts[kind]
        // Media are looked at again only for an article that changed.
        const unchanged =
          kind === 'media' ? c.unchanged : first.counts[kind].created + first.counts[kind].updated
        const got = `${kind} ${c.created} ${c.updated} ${c.unchanged}`
        expect(got, step.name).toBe(`${kind} 0 0 ${unchanged}`)
      }
    }
    const after = await snapshot(STATE)
    // Each run logs itself; nothing else differs, row for row.
    expect(after.tables.audit_log!.length).toBe(before.tables.audit_log!.length + IMPORTS.length)
    delete before.tables.audit_log
    delete after.tables.audit_log
    // Each run is listed in the web admin's imports, with its report.
    expect(after.tables.import_runs!.length).toBe(
      before.tables.import_runs!.length + IMPORTS.length,
    )
    delete before.tables.import_runs
    delete after.tables.import_runs
    expect(after).toEqual(before)
  })

  it('writes nothing on a dry run', async () => {
    rmSync(DRY_STATE, { recursive: true, force: true })
    const nukeviet = IMPORTS[0]!
    const report = runImport(nukeviet.args, DRY_STATE, 'dry-run', ['--dry-run'])
    // It tells what it would have done.
    expect([report.dryRun, countsOf(report)]).toEqual([true, nukeviet.counts])
    const { tables, objects } = await snapshot(DRY_STATE)
    expect(Object.keys(tables).filter((t) => tables[t]!.length > 0)).toEqual([])
    expect(objects).toEqual([])
  })

  it('serves the imported content at its old and new addresses, safely', async () => {
    portal = await startPortal(NAME, healthy, { keepState: true })
    expect(portal.output()).toContain('sample content not inserted')

    const nvOp = 'op=thoi-su-trong-nuoc/ha-noi-khoi-cong-cau-tran-hung-dao-1'
    const old: [string, string][] = [
      ['/news/thoi-su-trong-nuoc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', NV1],
      ['/vi/news/tin-tuc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html', NV1],
      [`/index.php?language=vi&nv=news&${nvOp}`, NV1],
      [`/index.php?nv=news&${nvOp.replace('/', '%2F')}&language=vi`, NV1],
      ['/NEWS/Thoi-Su-Trong-Nuoc/Ha-Noi-Khoi-Cong-Cau-Tran-Hung-Dao-1.HTML/', NV1],
      ['/news/tin-tuc/', '/chuyen-muc/tin-tuc'],
      ['/vi/news/tin_tuc', '/chuyen-muc/tin-tuc-2'],
      ['/?p=12', WP12],
      ['/2024/05/11/hoi-nghi-tong-ket-nam-2023/', WP12],
      ['/?cat=3', '/chuyen-muc/thoi-su'],
      [
        '/thoi-su/khanh-thanh-cau-ben-do-1234.html?utm_source=rss',
        '/bai-viet/khanh-thanh-cau-ben-do-noi-hai-xa',
      ],
      ['/van-hoa/le-hoi-den-mau-2001.html', '/bai-viet/le-hoi-den-mau-thu-hut-hang-nghin-du-khach'],
      ['/?p=2002', '/bai-viet/phat-hien-hang-gia-tai-cho-sieu-thi'],
      ['/?p=14', '/bai-viet/canh-bao-lua-dao-cai-app'],
      ['/canh-bao/trang-web-gia-mao-1235.html', `/bai-viet/${RSS_HOSTILE}`],
      ['/news/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-6-2.html', `/bai-viet/${NV_HOSTILE}`],
    ]
    const pages = new Map<string, string>()
    for (const [from, to] of old) pages.set(to, await follows(from, to))

    // Drafts (NukeViet's draft and suspended article, WordPress's draft and bad date): 404.
    for (const path of [
      '/news/tin-tuc/ban-nhap-ke-hoach-trong-cay-6.html',
      '/index.php?language=vi&nv=news&op=tin-tuc/tin-da-dinh-chi-13',
      '/?p=18',
      '/2024/02/30/l%E1%BB%8Bch-c%E1%BA%AFt-%C4%91i%E1%BB%87n-th%C3%A1ng-3/',
      '/bai-viet/ban-nhap-ke-hoach-trong-cay',
    ]) {
      expect((await get(path)).status, path).toBe(404)
    }

    // NukeViet: the title in NFC, the cover, both body images and the attachment, byte for byte.
    const nv = pages.get(NV1)!
    expect(nv).toContain('Hà Nội khởi công cầu Trần Hưng Đạo (giai đoạn 1)'.normalize('NFC'))
    expect(nv === nv.normalize('NFC'), 'the page is NFC').toBe(true)
    await servesFile(nv, NV_FILES, 'anh-bia.jpg', 'Phối cảnh cầu Trần Hưng Đạo')
    await servesFile(nv, NV_FILES, 'anh-1.jpg', 'Lễ khởi công cầu')
    await servesFile(nv, NV_FILES, 'anh-2.png', 'Phối cảnh')
    await servesFile(nv, NV_FILES, 'van-ban.pdf')
    expect(nv).not.toContain('Gọi tôi theo số') // pending

    // WordPress: featured image, body image, PDF; the approved comment with its phone hidden.
    const wp = pages.get(WP12)!
    await servesFile(wp, WP_FILES, 'anh-dai-dien.jpg', 'Toàn cảnh hội nghị tổng kết năm 2023')
    await servesFile(wp, WP_FILES, 'anh-1.jpg', 'Đại biểu dự hội nghị')
    await servesFile(wp, WP_FILES, 'ke-hoach-2024.pdf')
    expect(wp).toContain('Liên hệ tôi: [số điện thoại đã ẩn].')
    expect(wp).not.toMatch(/0912[\s.]?345[\s.]?678/)
    expect(wp).not.toContain('Vay tiền online') // spam
    expect(wp).not.toContain('Cho hỏi kế hoạch') // pending

    // The hostile bodies: their text shown, without scripts, handlers, frames or js: links.
    for (const [slug, text] of [
      [NV_HOSTILE, 'Thời gian: 8h00 – 11h30'],
      ['canh-bao-lua-dao-cai-app', 'Người dân cần cảnh giác'],
      [RSS_HOSTILE, 'liên kết lạ'],
      ['phat-hien-hang-gia-tai-cho-sieu-thi', 'thu giữ 500 sản phẩm'],
    ]) {
      const html = pages.get(`/bai-viet/${slug}`)!
      expect(html, slug).toContain(text)
      expectInert(html, slug!)
    }

    // Search without tone marks, and the sitemap.
    for (const [q, href] of [
      ['ha noi khoi cong cau tran hung dao', NV1],
      ['hoi nghi tong ket nam 2023', WP12],
    ] as const) {
      const res = await fetch(`${portal.origin}/tim-kiem?q=${encodeURIComponent(q)}`)
      expect(await res.text(), q).toContain(`href="${href}"`)
    }
    const sitemap = await (await get('/sitemap.xml')).text()
    for (const slug of PUBLISHED) expect(sitemap).toContain(`/bai-viet/${slug}</loc>`)
    for (const slug of DRAFTS) expect(sitemap).not.toContain(`/bai-viet/${slug}</loc>`)
  })
})
