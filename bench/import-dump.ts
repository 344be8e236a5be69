/**
 * Writes a large NukeViet 4 dump for the import benchmark (it does not run the benchmark):
 *
 *   npx tsx bench/import-dump.ts --articles 10000 --comments 50000 --out /tmp/nv.sql \
 *     [--uploads /tmp/nv-uploads] [--seed 1]
 *
 * Same format as tests/fixtures/import/nukeviet/dump.sql, whose CREATE TABLE statements it reuses
 * (so both follow NukeViet 4.5's modules/news/action_mysql.php): mysqldump header, extended
 * INSERTs of 100 rows, 12 categories, tags and topics, Vietnamese titles and 3–6 KB bodies.
 * Deterministic for a seed; streamed to the file. With --uploads, a few JPEGs are made with
 * sharp under <dir>/news/gen/ and bodies point at them.
 */
import { copyFileSync, createWriteStream, mkdirSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { DumpReader } from '../src/import/sources/sql-dump'

const FIXTURE = resolve(import.meta.dirname, '../tests/fixtures/import/nukeviet/dump.sql')
const BATCH = 100
const IMAGES = 8
const T0 = 1420045200 // 2015-01-01 00:00 +07:00

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    comments: { type: 'string', default: '50000' },
    out: { type: 'string' },
    uploads: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
})
if (!args.out)
  throw new Error('usage: --articles N --comments N --out <file.sql> [--uploads <dir>]')
const nArticles = Number(args.articles)
const nComments = Number(args.comments)

/** mulberry32: a small seeded generator, so the same seed writes the same dump. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = prng(Number(args.seed))
const int = (n: number) => Math.floor(rand() * n)
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!

// The fixture's structure: its header, each table's CREATE TABLE and column order.
const fixture = readFileSync(FIXTURE, 'utf8')
const header = fixture.slice(0, fixture.indexOf('--\n-- Table structure'))
const footer = fixture.slice(fixture.lastIndexOf('/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;'))
const creates = new Map<string, string>()
for (const m of fixture.matchAll(/CREATE TABLE `([^`]+)` \([\s\S]*?\n\) ENGINE=[^;]*;/g)) {
  creates.set(m[1]!, m[0])
}
const reader = new DumpReader({ wanted: () => false, onRow: () => {} })
reader.push(fixture)
reader.end()

const esc = (v: string | number | null) =>
  v === null
    ? 'NULL'
    : typeof v === 'number'
      ? String(v)
      : `'${v.replace(/[\\'"\n\r\0\x1a]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\0': '\\0', '\x1a': '\\Z' })[c] ?? `\\${c}`)}'`

const out = createWriteStream(args.out)
async function write(text: string) {
  if (!out.write(text)) await once(out, 'drain')
}

/** Writes one table as mysqldump does; `rows` yields objects keyed by column (missing = ''). */
async function table(name: string, rows: Iterable<Record<string, string | number | null>>) {
  const cols = reader.columns(name)
  const create = creates.get(name)
  if (!cols || !create) throw new Error(`${name} is not in the fixture`)
  // Columns left out of `rows` get the column's zero: 0 for integers, '' otherwise.
  const zero = cols.map((c) => (new RegExp(`\`${c}\` \\w*int`).test(create) ? 0 : ''))
  await write(
    `--\n-- Table structure for table \`${name}\`\n--\n\nDROP TABLE IF EXISTS \`${name}\`;\n`,
  )
  await write(`/*!40101 SET @saved_cs_client     = @@character_set_client */;\n`)
  await write(`/*!40101 SET character_set_client = utf8 */;\n${create}\n`)
  await write(`/*!40101 SET character_set_client = @saved_cs_client */;\n\n`)
  await write(`--\n-- Dumping data for table \`${name}\`\n--\n\nLOCK TABLES \`${name}\` WRITE;\n`)
  await write(`/*!40000 ALTER TABLE \`${name}\` DISABLE KEYS */;\n`)
  let batch: string[] = []
  const flush = async () => {
    if (batch.length) await write(`INSERT INTO \`${name}\` VALUES ${batch.join(',')};\n`)
    batch = []
  }
  for (const row of rows) {
    batch.push(`(${cols.map((c, k) => esc(row[c] === undefined ? zero[k]! : row[c]!)).join(',')})`)
    if (batch.length === BATCH) await flush()
  }
  await flush()
  await write(`/*!40000 ALTER TABLE \`${name}\` ENABLE KEYS */;\nUNLOCK TABLES;\n\n`)
}

const PLACES = ['Hà Nội', 'Thường Tín', 'Tô Hiệu', 'Vân Tảo', 'Ninh Sở', 'Duyên Thái', 'Hồng Vân']
const SUBJECTS = ['UBND huyện', 'Hội Nông dân', 'Đoàn Thanh niên', 'Công an xã', 'Hội Phụ nữ']
const VERBS = ['tổ chức', 'triển khai', 'tổng kết', 'phát động', 'kiểm tra', 'hướng dẫn']
const THINGS = [
  'phong trào xây dựng nông thôn mới',
  'công tác phòng chống thiên tai',
  'hội nghị tiếp xúc cử tri',
  'lễ hội làng nghề sơn mài',
  'chương trình chuyển đổi số',
  'kế hoạch tiêm chủng mở rộng',
  'giải bóng đá thiếu niên',
  'đợt cao điểm an toàn giao thông',
]
const CATS = [
  ['Tin tức', 'tin-tuc'],
  ['Thời sự', 'thoi-su'],
  ['Kinh tế', 'kinh-te'],
  ['Văn hóa – Xã hội', 'van-hoa-xa-hoi'],
  ['Giáo dục', 'giao-duc'],
  ['Y tế', 'y-te'],
  ['An ninh – Quốc phòng', 'an-ninh-quoc-phong'],
  ['Nông nghiệp', 'nong-nghiep'],
  ['Văn bản', 'van-ban'],
  ['Thông báo', 'thong-bao'],
  ['Chuyển đổi số', 'chuyen-doi-so'],
  ['Làng nghề', 'lang-nghe'],
]
const TAGS = [...PLACES, ...THINGS.map((t) => t.split(' ').slice(0, 3).join(' '))]

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

const sentence = () =>
  `${pick(SUBJECTS)} ${pick(PLACES)} ${pick(VERBS)} ${pick(THINGS)} với sự tham gia của ${10 + int(490)} người.`

function body(): string {
  const target = 3000 + int(3000)
  let html = ''
  while (html.length < target) {
    const r = rand()
    if (r < 0.08 && args.uploads) {
      const n = 1 + int(IMAGES)
      html += `<p><img src="/uploads/news/gen/anh-${n}.jpg" alt="Ảnh minh họa ${n}" width="600" /></p>\r\n`
    } else if (r < 0.14) {
      html += `<p><strong>${sentence()}</strong> <a href="https://thuongtin.hanoi.gov.vn">Xem thêm</a></p>\r\n`
    } else html += `<p>${sentence()} ${sentence()} ${sentence()}</p>\r\n`
  }
  return html
}

const title = (id: number) =>
  `${pick(SUBJECTS)} ${pick(PLACES)} ${pick(VERBS)} ${pick(THINGS)} năm ${2015 + (id % 10)}`

async function uploads(dir: string) {
  const { default: sharp } = await import('sharp' as string)
  const folder = join(dir, 'news/gen')
  mkdirSync(folder, { recursive: true })
  for (let n = 1; n <= IMAGES; n++) {
    const hue = (n * 45) % 360
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"><rect width="640" height="400" fill="hsl(${hue},55%,45%)"/><circle cx="200" cy="200" r="120" fill="#fff" opacity=".5"/></svg>`
    await sharp(Buffer.from(svg))
      .jpeg({ quality: 70 })
      .toFile(join(folder, `anh-${n}.jpg`))
  }
  copyFileSync(
    join(dirname(FIXTURE), 'uploads/news/2024_05/van-ban.pdf'),
    join(folder, 'van-ban.pdf'),
  )
}

async function main() {
  mkdirSync(dirname(resolve(args.out!)), { recursive: true })
  if (args.uploads) await uploads(args.uploads)
  await write(header)
  const articleTags = new Map<number, number[]>()
  await table(
    'nv4_vi_comment',
    (function* () {
      for (let cid = 1; cid <= nComments; cid++) {
        const hasPhone = rand() < 0.05
        yield {
          cid,
          module: rand() < 0.97 ? 'news' : 'about',
          area: 1,
          id: 1 + int(nArticles),
          pid: 0,
          content: `${sentence()}${hasPhone ? ' Liên hệ 0912 345 678.' : ''}`,
          post_time: T0 + cid * 3000,
          userid: 0,
          post_name: `${pick(['Nguyễn', 'Trần', 'Lê', 'Phạm'])} ${pick(['An', 'Bình', 'Cường', 'Dung'])}`,
          post_email: rand() < 0.5 ? `ban-doc-${cid}@example.vn` : '',
          post_ip: `10.0.${cid % 256}.${(cid >> 8) % 256}`,
          status: rand() < 0.8 ? 1 : int(3),
          likes: int(20),
          dislikes: int(3),
        }
      }
    })(),
  )
  await table(
    'nv4_vi_news_cat',
    CATS.map(([name, alias], k) => {
      const parentid = k < 3 ? 0 : 1 + (k % 3)
      return { catid: k + 1, parentid, title: name!, alias: alias!, weight: k + 1, sort: k + 1 }
    }).map((c) => ({ ...c, viewcat: 'viewcat_page_new', lev: c.parentid ? 1 : 0, status: 1 })),
  )
  await table(
    'nv4_vi_news_detail',
    (function* () {
      for (let id = 1; id <= nArticles; id++) {
        const files = args.uploads && id % 50 === 0 ? 'gen/van-ban.pdf' : null
        yield { id, bodyhtml: body(), voicedata: null, files }
      }
    })(),
  )
  await table(
    'nv4_vi_news_rows',
    (function* () {
      for (let id = 1; id <= nArticles; id++) {
        const t = title(id)
        const catid = 1 + int(CATS.length)
        const publtime = T0 + id * 20000 + int(3600)
        articleTags.set(id, [1 + int(TAGS.length), 1 + int(TAGS.length)])
        const cover = args.uploads && rand() < 0.5 ? `gen/anh-${1 + int(IMAGES)}.jpg` : ''
        yield {
          id,
          catid,
          listcatid: rand() < 0.2 ? `${catid},${1 + int(CATS.length)}` : String(catid),
          topicid: rand() < 0.1 ? 1 + int(4) : 0,
          admin_id: 1,
          author: pick(['Minh Anh', 'Thanh Tình', 'Hồng Nhung', '']),
          sourceid: rand() < 0.3 ? 1 + int(3) : 0,
          addtime: publtime,
          edittime: publtime + 600,
          status: rand() < 0.95 ? 1 : 4,
          weight: id,
          publtime,
          title: t,
          alias: fold(t),
          hometext: sentence(),
          homeimgfile: cover,
          homeimgthumb: cover ? 2 : 0,
          inhome: 1,
          allowed_comm: '6',
          hitstotal: int(50000),
        }
      }
    })(),
  )
  await table('nv4_vi_news_sources', [
    {
      sourceid: 1,
      title: 'Báo Hà Nội Mới',
      link: 'https://hanoimoi.vn',
      add_time: T0,
      edit_time: T0,
    },
    { sourceid: 2, title: 'Báo Nhân Dân', link: 'https://nhandan.vn', add_time: T0, edit_time: T0 },
    { sourceid: 3, title: 'TTXVN', link: 'https://vnanet.vn', add_time: T0, edit_time: T0 },
  ])
  await table(
    'nv4_vi_news_tags',
    TAGS.map((t, k) => ({ tid: k + 1, numnews: 0, title: t, alias: fold(t), keywords: t })),
  )
  await table(
    'nv4_vi_news_tags_id',
    (function* () {
      for (const [id, tids] of articleTags) {
        for (const tid of new Set(tids)) yield { id, tid, keyword: TAGS[tid - 1]! }
      }
    })(),
  )
  await table(
    'nv4_vi_news_topics',
    THINGS.slice(0, 4).map((t, k) => ({ topicid: k + 1, title: t, alias: fold(t), weight: k + 1 })),
  )
  await write(footer)
  out.end()
  await once(out, 'finish')
  console.log(`wrote ${args.out}: ${nArticles} articles, ${nComments} comments`)
}

await main()
