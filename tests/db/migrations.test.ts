import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { sampleContent } from '../../src/content/sample'
import { createDb } from '../../src/db/client'
import { seedIfEmpty } from '../../src/db/seed'

describe('migrations', () => {
  it('upgrade a database holding the sample content one step at a time, and re-run cleanly', async () => {
    const db = env.MIGRATION_DB
    const all = env.TEST_MIGRATIONS
    expect(all.length).toBeGreaterThanOrEqual(3)
    // The first migration alone holds the content tables: fill them as an older portal would.
    await applyD1Migrations(db, all.slice(0, 1))
    expect(await seedIfEmpty(createDb(db), sampleContent)).toBe(true)
    for (let n = 2; n <= all.length; n++) await applyD1Migrations(db, all.slice(0, n))
    // Twice more, with nothing left to do.
    await applyD1Migrations(db, all)
    await applyD1Migrations(db, all)
    const row = await db
      .prepare(
        'select (select count(*) from articles) as articles, (select count(*) from comments) as comments',
      )
      .first<{ articles: number; comments: number }>()
    expect(row).toEqual({
      articles: sampleContent.articles.length,
      comments: sampleContent.comments.length,
    })
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
