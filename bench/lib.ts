/**
 * What the benchmark (`npm run bench`) and the soak (`npm run soak`) share: local D1 databases
 * seeded at scale with one SQL statement each, and `wrangler dev` started on one of them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { seedArticle } from '../src/content/seed-article'
import { renderMarkdown } from '../src/lib/markdown'
import { wranglerBin } from '../scripts/wrangler'

export const root = resolve(import.meta.dirname, '..')
export const work = resolve(root, '.wrangler/bench')
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }

const sql = (text: string) => `'${text.replace(/'/g, "''")}'`

/** SQL that fills an empty database with `articles` articles and `comments` comments. */
export function seedSql(articles: number, comments: number): string {
  const body = seedArticle.body
  const html = renderMarkdown(body)
  const base = Date.UTC(2015, 0, 1)
  return [
    `INSERT INTO categories (name, slug, position) VALUES ('Tin tức','tin-tuc',1),('Xây dựng Đảng','xay-dung-dang',2),('Kinh tế','kinh-te',3),('Văn hóa','van-hoa',4),('An ninh','an-ninh',5);`,
    `INSERT INTO articles (slug, title, source, lead, body, body_html, author, category_id, status, published_at, created_at, updated_at, view_count)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${articles})
     SELECT 'bai-viet-so-' || i, 'Bài viết số ' || i || ' về hoạt động thông tin đối ngoại của huyện', 'HNP',
       ${sql(seedArticle.lead)}, ${sql(body)}, ${sql(html)}, 'Thanh Tình', (i % 5) + 1, 'published',
       ${base} + i * 600000, ${base} + i * 600000, ${base} + i * 600000, i % 5000 FROM n;`,
    `INSERT INTO comments (article_id, name, title, content, status, created_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${comments})
     SELECT ((i - 1) % ${articles}) + 1, 'Bạn đọc ' || i, 'Ý kiến số ' || i,
       'Bình luận số ' || i || ': bài viết rất hữu ích, cảm ơn ban biên tập.', 'approved', ${base} + i * 1000 FROM n;`,
  ].join('\n')
}

/** Runs the project's wrangler to completion and returns what it printed; throws if it fails. */
export function wrangler(args: string[]): string {
  const r = spawnSync(process.execPath, [wranglerBin, ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  })
  if (r.status !== 0)
    throw new Error(`wrangler ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

/** A local database with the migrations and the given amount of content. */
export function prepareDatabase(name: string, articles: number, comments: number): string {
  const dir = resolve(work, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir])
  const file = resolve(dir, 'seed.sql')
  writeFileSync(file, seedSql(articles, comments))
  wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', dir, '--file', file])
  return dir
}

export async function startDev(args: string[], port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [wranglerBin, 'dev', '--port', String(port), '--ip', '127.0.0.1', ...args],
    {
      cwd: root,
      env,
      stdio: 'ignore',
    },
  )
  for (let i = 0; i < 120; i++) {
    await new Promise((r) => setTimeout(r, 500))
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`)
      await res.arrayBuffer()
      return child
    } catch {
      // Not listening yet.
    }
  }
  child.kill()
  throw new Error(`wrangler dev did not start on port ${port}`)
}

export async function stop(child: ChildProcess) {
  child.kill('SIGTERM')
  await new Promise((r) => setTimeout(r, 1000))
}
