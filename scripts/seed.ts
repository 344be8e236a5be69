/**
 * Inserts the sample content into the local D1 that `wrangler dev` uses, if it is empty.
 * Run after the migrations: `npm run db:migrate:local && npm run db:seed:local`.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { getPlatformProxy } from 'wrangler'
import { sampleContent } from '../src/content/sample'
import { createDb } from '../src/db/client'
import { seedIfEmpty } from '../src/db/seed'
import { getRestoreRecord } from '../src/db/site-meta'

export async function seedLocal(persistTo?: string): Promise<void> {
  // The same local state directory as `wrangler dev`, so both see one database.
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: 'wrangler.toml',
    ...(persistTo && { persist: { path: resolve(persistTo, 'v3') } }),
  })
  try {
    const db = createDb(proxy.env.DB)
    const restore = await getRestoreRecord(db)
    if (restore && !restore.finishedAt) {
      throw new Error(
        `A restore of ${restore.backup} into this database started at ${restore.startedAt} and did not finish. ` +
          `Run it again: npm run db:restore -- ${restore.backupPath ?? `backups/${restore.backup}`} --local --force` +
          (persistTo ? ` --persist-to ${persistTo}` : ''),
      )
    }
    const seeded = await seedIfEmpty(db, sampleContent)
    console.log(
      seeded
        ? `Seeded the local database: ${sampleContent.articles.length} articles, ${sampleContent.categories.length} categories, ${sampleContent.comments.length} comments.`
        : restore
          ? `The local database holds the backup ${restore.backup} (restored ${restore.finishedAt}).`
          : 'The local database has or had content; sample content not inserted.',
    )
  } finally {
    await proxy.dispose()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await seedLocal()
}
