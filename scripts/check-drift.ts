/**
 * Migration drift check, run by .ci/run: `src/db/schema.ts` and `migrations/` must agree.
 * drizzle-kit generates into a scratch copy of the migrations; any new file means the schema
 * changed without `npm run db:generate`. Then `drizzle-kit check` checks the snapshots.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
// drizzle-kit wants a path relative to the project, so the scratch copy lives inside it.
const scratchRel = '.wrangler/drift'
const scratch = resolve(root, scratchRel)
const drizzleKit = resolve(root, 'node_modules/drizzle-kit/bin.cjs')

function drizzle(args: string[]) {
  return spawnSync(process.execPath, [drizzleKit, ...args], { cwd: root, encoding: 'utf8' })
}

try {
  rmSync(scratch, { recursive: true, force: true })
  cpSync(resolve(root, 'migrations'), join(scratch, 'migrations'), { recursive: true })
  const before = readdirSync(join(scratch, 'migrations')).sort()
  const generated = drizzle(
    ['generate', '--dialect', 'sqlite', '--schema', './src/db/schema.ts'].concat([
      '--out',
      `${scratchRel}/migrations`,
    ]),
  )
  const added = readdirSync(join(scratch, 'migrations')).filter((f) => !before.includes(f))
  if (generated.status !== 0 || added.length > 0) {
    console.error(generated.stdout, generated.stderr)
    console.error(
      `Migration drift: src/db/schema.ts differs from migrations/ (drizzle-kit would add: ${added.join(', ') || 'unknown, it failed'}). Run npm run db:generate and commit the result.`,
    )
    process.exit(1)
  }
  const checked = drizzle(['check', '--dialect', 'sqlite', '--out', 'migrations'])
  if (checked.status !== 0) {
    console.error(checked.stdout, checked.stderr)
    process.exit(1)
  }
  console.log('No migration drift: the schema and migrations/ agree.')
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
