/**
 * The backup drill: a portal started as `npm start` starts it gets content of every kind through
 * its own API and forms; `npm run db:backup -- --local` copies it; D1 and R2 are wiped (the edge
 * cache is kept, holding a page changed after the backup); `npm run db:restore` puts it back.
 * Every table is compared row by row, every object byte by byte, and the restarted portal must
 * serve the restored content (not the cached page), find it by search, and take its tokens.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { solveChallenge, type Challenge } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentTables } from '../../scripts/lib/backup/d1'
import type { Manifest } from '../../scripts/lib/backup/manifest'
import { listObjects } from '../../scripts/lib/backup/r2'
import { openTarget } from '../../scripts/lib/backup/target'
import { portalState, startPortal, type RunningPortal } from '../../scripts/lib/portal'
import { seedLocal } from '../../scripts/seed'
import { createDb } from '../../src/db/client'
import { setRestoreRecord } from '../../src/db/site-meta'
import { JPEG_1600X900 } from '../fixtures/images'

const root = resolve(import.meta.dirname, '../..')
const NAME = 'drill'
const STATE = portalState(NAME)
const BACKUPS = resolve(root, '.wrangler/drill-backups')

let portal: RunningPortal | undefined
let adminToken = ''

const healthy = async (origin: string) => {
  const res = await fetch(`${origin}/healthz`)
  if (!res.ok) throw new Error(`healthz ${res.status}`)
}

/** Runs one of the project's scripts as npm would, to completion. */
function script(
  file: string,
  args: string[],
): { status: number | null; stdout: string; output: string } {
  const r = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/tsx/dist/cli.mjs'), file, ...args],
    { cwd: root, encoding: 'utf8', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } },
  )
  return { status: r.status, stdout: r.stdout, output: `${r.stdout}${r.stderr}` }
}

async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  token = adminToken,
): Promise<{ status: number; json: T }> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}` } }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const res = await fetch(`${portal!.origin}/api/admin${path}`, init)
  return { status: res.status, json: (await res.json().catch(() => ({}))) as T }
}

/** Rewrites a backup's manifest.json through `edit`. */
function editManifest(dir: string, edit: (m: Manifest) => void) {
  const file = resolve(dir, 'manifest.json')
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest
  edit(manifest)
  writeFileSync(file, JSON.stringify(manifest))
}

/** Every row of every backed-up table (rowid order), wrangler's migration names, every object. */
async function snapshot() {
  const target = await openTarget({ kind: 'local', persistTo: STATE })
  try {
    const tables: Record<string, unknown[]> = {}
    for (const t of await contentTables(target.DB)) {
      tables[t] = (await target.DB.prepare(`select * from "${t}" order by rowid`).all()).results
    }
    const migrations = (
      await target.DB.prepare('select name from d1_migrations order by id').all<{ name: string }>()
    ).results.map((r) => r.name)
    const objects: Record<string, unknown> = {}
    for await (const o of listObjects(target.MEDIA)) {
      const body = await target.MEDIA.get(o.key)
      objects[o.key] = {
        bytes: Buffer.from(await body!.arrayBuffer()).toString('base64'),
        httpMetadata: body!.httpMetadata,
        customMetadata: body!.customMetadata,
      }
    }
    return { tables, migrations, objects }
  } finally {
    await target.close()
  }
}

beforeAll(async () => {
  rmSync(BACKUPS, { recursive: true, force: true })
  portal = await startPortal(NAME, healthy)
  adminToken = /^ADMIN_TOKEN=(\S+)/m.exec(readFileSync(resolve(root, '.dev.vars'), 'utf8'))![1]!
}, 180_000)

afterAll(async () => {
  await portal?.stop()
})

describe('backup drill', () => {
  it('restores every row, object, search entry and token, and no stale cached page', async () => {
    // Content of every kind, through the portal's own API and comment form.
    const editor = await api<{ token: string }>('POST', '/editors', {
      name: 'Biên tập viên diễn tập',
      role: 'editor',
    })
    const writer = await api<{ token: string }>('POST', '/editors', {
      name: 'Phóng viên',
      role: 'writer',
    })
    const revoked = await api<{ token: string; editor: { id: number } }>('POST', '/editors', {
      name: 'Đã nghỉ',
      role: 'writer',
    })
    expect((await api('DELETE', `/editors/${revoked.json.editor.id}`)).status).toBe(200)
    const category = await api<{ id: number }>('POST', '/categories', { name: 'Chuyển đổi số' })
    expect(category.status).toBe(201)
    const image = new FormData()
    image.append('file', new File([JPEG_1600X900], 'hội nghị.jpg'))
    const uploaded = await api<{ url: string }>('POST', '/media', image)
    expect(uploaded.status).toBe(201)
    // What the portal stored (decoded and written again without metadata), byte for byte.
    const storedImage = Buffer.from(
      await (await fetch(`${portal!.origin}${uploaded.json.url}`)).arrayBuffer(),
    )
    expect(storedImage.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true)
    const article = (extra: Record<string, unknown>, token = adminToken) =>
      api<{ id: number; slug: string }>(
        'POST',
        '/articles',
        { lead: 'Tóm tắt.', body: 'Nội dung.', categoryId: category.json.id, ...extra },
        token,
      )
    // NFD title and body, as some keyboards send them; the portal stores NFC.
    const published = await article({
      title: 'Hội nghị chuyển đổi số xã Hà Hồi'.normalize('NFD'),
      body: `Toàn văn.\n\n![Hội nghị](${uploaded.json.url} "Quang cảnh")`.normalize('NFD'),
      status: 'published',
      coverImage: uploaded.json.url,
      coverAlt: 'Quang cảnh hội nghị',
    })
    expect(published.status).toBe(201)
    expect((await article({ title: 'Bản nháp' }, writer.json.token)).status).toBe(201)
    expect((await article({ title: 'Chờ duyệt', status: 'review' })).status).toBe(201)
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString()
    expect(
      (await article({ title: 'Hẹn giờ', status: 'published', publishedAt: future })).status,
    ).toBe(201)
    const pdf = new FormData()
    pdf.append('file', new File([new TextEncoder().encode('%PDF-1.4\n%drill\n')], 'Kế hoạch.pdf'))
    expect((await api('POST', `/articles/${published.json.id}/attachments`, pdf)).status).toBe(201)
    // Renamed once published: the old address redirects.
    const renamed = await api<{ slug: string }>('PATCH', `/articles/${published.json.id}`, {
      slug: 'hoi-nghi-chuyen-doi-so',
    })
    expect(renamed.json.slug).toBe('hoi-nghi-chuyen-doi-so')
    // A reader's comment with a phone number and NFD text, through the form and security code.
    const challenge = (await (await fetch(`${portal!.origin}/api/captcha`)).json()) as Challenge
    const solution = await solveChallenge({ challenge, deriveKey })
    const form = new URLSearchParams({
      name: 'Nguyễn Văn Bình'.normalize('NFD'),
      phone: '0912 345 678',
      title: 'Góp ý',
      content: 'Đề nghị mở thêm lớp tin học cho người cao tuổi.'.normalize('NFD'),
      website: '',
      altcha: btoa(JSON.stringify({ challenge, solution })),
    })
    const commented = await fetch(`${portal!.origin}/bai-viet/hoi-nghi-chuyen-doi-so/binh-luan`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    })
    expect(commented.status).toBe(303)

    const PATH = '/bai-viet/hoi-nghi-chuyen-doi-so'
    const page = () => `${portal!.origin}${PATH}`
    await fetch(page())
    expect((await fetch(page())).headers.get('x-cache')).toBe('HIT')

    // Back up the running portal.
    const made = script('scripts/backup.ts', ['--local', '--persist-to', STATE, '--out', BACKUPS])
    expect(made.status, made.output).toBe(0)
    const backupDir = /Backup written to (.+)$/.exec(made.stdout.trim())![1]!
    const before = await snapshot()
    // The image, its four WebP copies (320-1280 px) and the PDF.
    expect(Object.keys(before.objects)).toHaveLength(6)
    expect(before.tables.comments!.length).toBeGreaterThan(6)

    // After the backup: a change, cached at the edge.
    await api('PATCH', `/articles/${published.json.id}`, { title: 'Tiêu đề sau khi sao lưu' })
    expect(await (await fetch(page())).text()).toContain('Tiêu đề sau khi sao lưu')
    expect((await fetch(page())).headers.get('x-cache')).toBe('HIT')
    // The same address after the restore: cached pages are keyed by origin, port included.
    const port = Number(new URL(portal!.origin).port)
    await portal!.stop()
    portal = undefined

    // Disaster: D1 and R2 gone; the edge cache is still there.
    rmSync(resolve(STATE, 'v3', 'd1'), { recursive: true, force: true })
    rmSync(resolve(STATE, 'v3', 'r2'), { recursive: true, force: true })

    const restored = script('scripts/restore.ts', [backupDir, '--local', '--persist-to', STATE])
    expect(restored.status, restored.output).toBe(0)
    const after = await snapshot()
    expect(after).toEqual(before)

    // Into a database that holds something, without --force: refused, nothing changed.
    const refused = script('scripts/restore.ts', [backupDir, '--local', '--persist-to', STATE])
    expect(refused.status, refused.output).toBe(2)
    expect(refused.output).toContain('nothing was changed')
    expect(await snapshot()).toEqual(before)

    // A damaged backup is found before anything is touched, even with --force.
    const damaged: [string, (dir: string) => void][] = [
      [
        'a row count edited in the manifest',
        (dir) => editManifest(dir, (m) => (m.tables.articles! += 1)),
      ],
      [
        'a table left out of the manifest',
        (dir) =>
          editManifest(dir, (m) => {
            delete m.tables.comments
            delete m.tableSha256.comments
          }),
      ],
      [
        'an edited row',
        (dir) => {
          const file = resolve(dir, 'd1', 'articles.jsonl')
          writeFileSync(file, readFileSync(file, 'utf8').replace('Hội nghị', 'Hội thảo'))
        },
      ],
      [
        'a changed object file',
        (dir) => {
          const [entry] = readFileSync(resolve(dir, 'r2', 'index.jsonl'), 'utf8').split('\n')
          const file = resolve(dir, 'r2', 'objects', (JSON.parse(entry!) as { file: string }).file)
          const bytes = readFileSync(file)
          bytes[bytes.length - 1]! ^= 1
          writeFileSync(file, bytes)
        },
      ],
    ]
    for (const [label, damage] of damaged) {
      const copy = resolve(BACKUPS, 'damaged')
      rmSync(copy, { recursive: true, force: true })
      cpSync(backupDir, copy, { recursive: true })
      damage(copy)
      const r = script('scripts/restore.ts', [copy, '--local', '--persist-to', STATE, '--force'])
      expect(r.status, label).toBe(1)
      expect(r.output, label).toContain('the backup is damaged, so nothing was changed')
    }
    expect(await snapshot()).toEqual(before)

    // The portal as npm start brings it back: the restored content, not the sample, not the cache.
    portal = await startPortal(NAME, healthy, { keepState: true, port })
    expect(portal.output()).not.toContain('Seeded the local database')
    const first = await fetch(page())
    expect(first.headers.get('x-cache')).toBe('MISS')
    const html = await first.text()
    expect(html).toContain('Hội nghị chuyển đổi số xã Hà Hồi')
    expect(html).not.toContain('Tiêu đề sau khi sao lưu')
    expect(html).toContain('width="1600" height="900"')
    const search = await (await fetch(`${portal.origin}/tim-kiem?q=chuyen+doi+so+ha+hoi`)).text()
    expect(search).toContain('/bai-viet/hoi-nghi-chuyen-doi-so')
    const old = await fetch(`${portal.origin}/bai-viet/${published.json.slug}`, {
      redirect: 'manual',
    })
    expect(old.status).toBe(301)
    expect((await api('GET', '/me', undefined, editor.json.token)).status).toBe(200)
    expect((await api('GET', '/me', undefined, writer.json.token)).status).toBe(200)
    expect((await api('GET', '/me', undefined, revoked.json.token)).status).toBe(401)
    const file = await fetch(`${portal.origin}${uploaded.json.url}`)
    expect(Buffer.from(await file.arrayBuffer()).equals(storedImage)).toBe(true)
  })
})

describe('an interrupted restore', () => {
  it('stops npm start with the command that finishes it, instead of seeding or serving half', async () => {
    await portal?.stop()
    portal = undefined
    const target = await openTarget({ kind: 'local', persistTo: STATE })
    try {
      await setRestoreRecord(createDb(target.DB), {
        backup: 'local-drill',
        backupPath: '/srv/backups/local-drill',
        backupCreatedAt: '2026-11-30T00:00:00.000Z',
        startedAt: '2026-11-30T01:00:00.000Z',
        finishedAt: null,
      })
    } finally {
      await target.close()
    }
    await expect(seedLocal(STATE)).rejects.toThrow(
      `Run it again: npm run db:restore -- /srv/backups/local-drill --local --force --persist-to ${STATE}`,
    )
  })
})
