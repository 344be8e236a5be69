import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

describe('migrations', () => {
  it('upgrade a database holding content one step at a time, and re-run cleanly', async () => {
    const db = env.MIGRATION_DB
    const all = env.TEST_MIGRATIONS
    expect(all.length).toBeGreaterThanOrEqual(3)
    // The first migration alone holds the content tables: fill them as the first release did.
    await applyD1Migrations(db, all.slice(0, 1))
    await db.batch([
      db.prepare("insert into categories (name, slug, position) values ('Tin tức', 'tin-tuc', 1)"),
      db.prepare(
        "insert into articles (slug, title, lead, body, body_html, category_id, status, published_at) values ('dai-hoi-dang-bo', 'Đại hội Đảng bộ huyện', 'Tóm tắt', 'Nội dung', '<p>Nội dung</p>', 1, 'published', 1574000000000)",
      ),
      db.prepare(
        "insert into comments (article_id, name, title, content, status) values (1, 'A', 'B', 'C', 'approved')",
      ),
      // The first release stored phone numbers in the national form.
      db.prepare(
        "insert into comments (article_id, name, phone, title, content, status) values (1, 'D', '0912345678', 'E', 'F', 'pending')",
      ),
    ])
    // Every row as the first schema wrote it, to compare column by column after the upgrade.
    const firstRows: Record<string, Record<string, unknown>[]> = {}
    for (const table of ['categories', 'articles', 'comments']) {
      firstRows[table] = (await db.prepare(`select * from ${table} order by rowid`).all()).results
    }
    for (let n = 2; n <= all.length; n++) await applyD1Migrations(db, all.slice(0, n))
    // Phone numbers became E.164 (0011_phone_e164); everything else is as it was written.
    expect(firstRows.comments![1]!.phone).toBe('0912345678')
    firstRows.comments![1]!.phone = '+84912345678'
    for (const [table, rows] of Object.entries(firstRows)) {
      const columns = Object.keys(rows[0]!).join(', ')
      const now = (await db.prepare(`select ${columns} from ${table} order by rowid`).all()).results
      expect(now, table).toEqual(rows)
    }
    // The search migration indexed what was already there, đ folded to d.
    const found = await db
      .prepare("select rowid from articles_fts where articles_fts match 'dai hoi dang'")
      .all<{ rowid: number }>()
    expect(found.results).toEqual([{ rowid: 1 }])
    // Twice more, with nothing left to do.
    await applyD1Migrations(db, all)
    await applyD1Migrations(db, all)
    const row = await db
      .prepare(
        'select (select count(*) from articles) as articles, (select count(*) from comments) as comments',
      )
      .first<{ articles: number; comments: number }>()
    expect(row).toEqual({ articles: 1, comments: 2 })
    const tables = await db
      .prepare("select name from sqlite_master where type = 'table'")
      .all<{ name: string }>()
    expect(tables.results.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'articles',
        'comments',
        'captcha_uses',
        'editors',
        'media',
        'audit_log',
        'slug_redirects',
      ]),
    )
  })
})
