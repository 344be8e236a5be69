/**
 * The import benchmark: `npx tsx bench/import.ts [--articles 10000] [--comments 50000]
 * [--runs 3] [--out bench/import-results]`. Writes a NukeViet 4 dump once (bench/import-dump.ts,
 * with a few uploaded images) under `.wrangler/bench-import/`, then per run imports it with the
 * real command (`scripts/import.ts nukeviet … --persist-to <fresh state>`) as a child process,
 * timed with `/usr/bin/time -v` for its peak memory, and runs it again on the same state (the
 * idempotent re-run: nothing should be created). Figures from the report JSON: the import's own
 * time, D1 statements and batches, counts.
 *
 * Floors, measured in the same run so the figures are ratios rather than machine-bound: reading
 * and parsing the dump alone (`readExport`, in this process, once per run), and a `--dry-run`
 * against a fresh state (reads, maps, checks files, writes nothing; once). Peak RSS is the largest
 * single process of the child's tree (node or workerd), not their sum. It is a benchmark, not a
 * test. Writes `<out>.json` and `<out>.md`.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { format, resolveConfig } from 'prettier'
import type { ImportReport } from '../src/import/report'
import { readExport } from '../scripts/import'

const root = resolve(import.meta.dirname, '..')
const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    comments: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench/import-results' },
  },
})
const runs = Number(args.runs)
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1')
const TIME = '/usr/bin/time'
const hasTime = existsSync(TIME)

/** One child run of the import command: what it took and what its report says. */
type Measured = {
  wallS: number
  importS: number
  statements: number
  batches: number
  peakRssMb: number | null
  articlesPerS: number
  counts: ImportReport['counts']
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits

/** Runs `command` to the end, its output into `log`; throws when it fails. */
function run(command: string, argv: string[], log: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(command, argv, { cwd: root, env: { ...process.env, CI: 'true' } })
    const chunks: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => chunks.push(b))
    child.stderr.on('data', (b: Buffer) => chunks.push(b))
    child.on('error', fail)
    child.on('close', (code) => {
      writeFileSync(log, Buffer.concat(chunks))
      if (code === 0) done(code)
      else fail(new Error(`${command} ${argv.join(' ')} exited ${code}: see ${log}`))
    })
  })
}

/** The import command on `state`, timed; `extra` adds options (`--dry-run`). */
async function importOnce(dir: string, name: string, state: string, extra: string[] = []) {
  const report = join(dir, `${name}.txt`)
  const log = join(dir, `${name}.log`)
  const cli = [
    ...['scripts/import.ts', 'nukeviet', join(dir, 'dump.sql')],
    ...['--uploads', join(dir, 'uploads'), '--persist-to', state, '--report', report, ...extra],
  ]
  // Without GNU time, the script runs inside a wrapper that prints its own peak (node only).
  const wrapper =
    `process.on('exit', () => console.log('MAXRSS_KB ' + process.resourceUsage().maxRSS));` +
    `import('./scripts/import.ts').then((m) => m.importCommand(process.argv.slice(1)))` +
    `.catch((e) => { console.error(e); process.exitCode = 1 })`
  const [command, argv] = hasTime
    ? [TIME, ['-v', process.execPath, 'node_modules/tsx/dist/cli.mjs', ...cli]]
    : [process.execPath, ['--import', 'tsx', '-e', wrapper, ...cli.slice(1)]]
  const t0 = performance.now()
  await run(command, argv, log)
  const wallS = (performance.now() - t0) / 1000
  const out = readFileSync(log, 'utf8')
  const kb =
    /Maximum resident set size \(kbytes\): (\d+)/.exec(out)?.[1] ?? /MAXRSS_KB (\d+)/.exec(out)?.[1]
  const r = JSON.parse(readFileSync(report.replace(/\.txt$/, '.json'), 'utf8')) as ImportReport
  const a = r.counts.article
  const importS = r.durationMs / 1000
  return {
    wallS: round(wallS),
    importS: round(importS),
    statements: r.statements,
    batches: r.batches,
    peakRssMb: kb ? round(Number(kb) / 1024, 0) : null,
    articlesPerS: round((a.created + a.updated + a.unchanged) / importS, 1),
    counts: r.counts,
  } satisfies Measured
}

/** Reading and parsing the dump alone, in this process: the floor. */
async function readFloor(dir: string): Promise<number> {
  const t0 = performance.now()
  const bundle = await readExport('nukeviet', join(dir, 'dump.sql'))
  const s = (performance.now() - t0) / 1000
  if (bundle.articles.length === 0) throw new Error('the dump read as no articles')
  return round(s)
}

async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {}
  writeFileSync(path, await format(text, { ...options, filepath: path }))
}

async function main() {
  const base = resolve(root, '.wrangler/bench-import')
  mkdirSync(base, { recursive: true })
  const dir = mkdtempSync(join(base, 'run-'))
  const size = `${args.articles} articles, ${args.comments} comments`
  console.log(`Import benchmark: ${size}, ${runs} runs, in ${dir}`)
  await run(
    process.execPath,
    [
      ...['node_modules/tsx/dist/cli.mjs', 'bench/import-dump.ts'],
      ...['--articles', args.articles, '--comments', args.comments],
      ...['--out', join(dir, 'dump.sql'), '--uploads', join(dir, 'uploads')],
    ],
    join(dir, 'dump.log'),
  )
  const dumpMb = round(readFileSync(join(dir, 'dump.sql')).length / 2 ** 20, 1)
  const load = [loadavg()]
  const dry = await importOnce(dir, 'dry-run', join(dir, 'state-dry'), ['--dry-run'])
  console.log(`  dry run: ${dry.wallS} s wall, ${dry.importS} s import (writes nothing)`)
  rmSync(join(dir, 'state-dry'), { recursive: true, force: true })
  const results: { run: number; floorS: number; first: Measured; rerun: Measured }[] = []
  for (let n = 1; n <= runs; n++) {
    const floorS = await readFloor(dir)
    const state = join(dir, `state-${n}`)
    const first = await importOnce(dir, `import-${n}`, state)
    const rerun = await importOnce(dir, `rerun-${n}`, state)
    rmSync(state, { recursive: true, force: true })
    results.push({ run: n, floorS, first, rerun })
    console.log(
      `  run ${n}: read ${floorS} s; import ${first.importS} s (${first.wallS} s wall, ` +
        `${first.statements} statements, ${first.peakRssMb} MB); re-run ${rerun.importS} s, ` +
        `${rerun.counts.article.created + rerun.counts.comment.created} created`,
    )
  }
  load.push(loadavg())
  const med = (pick: (r: (typeof results)[number]) => number) => round(median(results.map(pick)))
  const summary = {
    wallS: med((r) => r.first.wallS),
    importS: med((r) => r.first.importS),
    peakRssMb: med((r) => r.first.peakRssMb ?? 0),
    articlesPerS: med((r) => r.first.articlesPerS),
    rerunWallS: med((r) => r.rerun.wallS),
    rerunImportS: med((r) => r.rerun.importS),
    floorReadS: med((r) => r.floorS),
    dryRunImportS: dry.importS,
  }
  const ratios = {
    importOverRead: round(summary.importS / summary.floorReadS, 1),
    importOverDryRun: round(summary.importS / summary.dryRunImportS, 1),
    rerunOverRead: round(summary.rerunImportS / summary.floorReadS, 1),
  }
  const recreated = results.filter(
    (r) => r.rerun.counts.article.created + r.rerun.counts.comment.created > 0,
  )
  const machine = {
    cpuModel: cpus()[0]?.model ?? '',
    cpus: cpus().length,
    node: process.version,
    loadAverage: load.map((l) => l.map((v) => round(v))),
    peakRss: hasTime ? 'GNU time -v (largest process of the tree)' : 'node resourceUsage',
  }
  const row = (label: string, m: Measured) =>
    `| ${label} | ${m.wallS} | ${m.importS} | ${m.statements} | ${m.batches} | ` +
    `${m.peakRssMb ?? '–'} | ${m.articlesPerS} | ${m.counts.article.created} / ` +
    `${m.counts.article.unchanged} | ${m.counts.comment.created} / ${m.counts.comment.unchanged} |`
  const table = [
    '| Run | Wall s | Import s | D1 statements | Batches | Peak RSS MB | Articles/s | ' +
      'Articles created / unchanged | Comments created / unchanged |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.flatMap((r) => [row(`${r.run}`, r.first), row(`${r.run} re-run`, r.rerun)]),
    row('dry run', dry),
  ]
  const lines = [
    `Median of ${runs}: import ${summary.importS} s (${summary.wallS} s wall), ` +
      `${summary.articlesPerS} articles/s, peak RSS ${summary.peakRssMb} MB; re-run ` +
      `${summary.rerunImportS} s (${summary.rerunWallS} s wall).`,
    `Floors: reading the dump ${summary.floorReadS} s, dry run ${summary.dryRunImportS} s. ` +
      `Import / read ${ratios.importOverRead}×, import / dry run ${ratios.importOverDryRun}×, ` +
      `re-run / read ${ratios.rerunOverRead}×.`,
    recreated.length
      ? `**Re-run created records** in runs ${recreated.map((r) => r.run).join(', ')}.`
      : 'Every re-run created nothing.',
  ]
  const md = [
    '# Import benchmark results',
    '',
    `Written by \`npx tsx bench/import.ts\` on ${new Date().toISOString()}: a NukeViet 4 dump ` +
      `of ${size} (${dumpMb} MB), ${runs} runs, each a fresh local state then a re-run on it. ` +
      `${machine.cpuModel}, ${machine.cpus} CPUs, Node ${machine.node}, load average ` +
      `${machine.loadAverage.map((l) => l.join(' ')).join(' → ')}. Peak RSS: ${machine.peakRss}.`,
    '',
    ...table,
    '',
    ...lines.flatMap((l) => [l, '']),
  ].join('\n')
  const out = resolve(root, args.out)
  await writeFormatted(`${out}.md`, md)
  const json = { date: new Date().toISOString(), size, dumpMb, machine, summary, ratios, dry }
  await writeFormatted(`${out}.json`, JSON.stringify({ ...json, runs: results }))
  console.log(`\n${table.join('\n')}\n\n${lines.join('\n')}`)
  console.log(`\nWrote ${args.out}.json and ${args.out}.md`)
  rmSync(dir, { recursive: true, force: true })
  if (recreated.length) process.exitCode = 1
}

await main()
