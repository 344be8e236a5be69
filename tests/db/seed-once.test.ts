import { count } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { sampleContent } from '../../src/content/sample'
import { articles, editors, siteMeta } from '../../src/db/schema'
import { hasNeverHadContent, seedIfEmpty } from '../../src/db/seed'
import { setRestoreRecord } from '../../src/db/site-meta'
import { testDb } from '../helpers'

// One test, in order, on this file's own database (each test file gets a fresh one).
it('seeds only a database that has never had content: not mid-restore, not emptied', async () => {
  const db = testDb()
  expect(await hasNeverHadContent(db)).toBe(true)

  // A restore that has not loaded its rows yet looks empty, and must not get sample content.
  await setRestoreRecord(db, {
    backup: 'local-2026-11-30',
    backupCreatedAt: '2026-11-30T00:00:00.000Z',
    startedAt: '2026-11-30T01:00:00.000Z',
    finishedAt: null,
  })
  expect(await seedIfEmpty(db, sampleContent)).toBe(false)
  await db.delete(siteMeta)

  // Everything deleted by hand: SQLite still records the ids it handed out.
  await db.insert(editors).values({ name: 'A', role: 'editor', tokenHash: 'x' })
  await db.delete(editors)
  expect(await seedIfEmpty(db, sampleContent)).toBe(false)
  const [arts] = await db.select({ n: count() }).from(articles)
  expect(arts?.n).toBe(0)
})
