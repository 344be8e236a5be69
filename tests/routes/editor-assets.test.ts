import { beforeAll, describe, expect, it } from 'vitest'
import { ASSET_PATHS } from '../../src/generated/assets'
import { AdminClient } from '../admin-client'
import { attrsOf, get, SEED_SLUG, seedSample } from '../helpers'

/** The scripts a page loads (their addresses). */
const scriptsOf = (html: string) => attrsOf(html, 'script[src]', 'src')

beforeAll(seedSample)

describe('the article editor is loaded where it is used, and nowhere else', () => {
  it('reader pages load no editor or admin code', async () => {
    for (const path of [
      '/',
      `/bai-viet/${SEED_SLUG}`,
      '/chuyen-muc/tin-tuc-su-kien',
      '/tim-kiem?q=thuong%20tin',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(200)
      const scripts = await scriptsOf(await res.text())
      expect(scripts, path).not.toContain(ASSET_PATHS['editor.js'])
      expect(scripts, path).not.toContain(ASSET_PATHS['admin.js'])
    }
  })

  it('the article form loads it; other admin pages do not', async () => {
    const client = new AdminClient()
    await client.login()
    for (const path of ['/admin/articles/new', '/admin/articles/1']) {
      const { html } = await client.page(path)
      expect(await scriptsOf(html), path).toContain(ASSET_PATHS['editor.js'])
      expect(await attrsOf(html, 'textarea[data-rich-editor]', 'name'), path).toEqual(['body'])
    }
    for (const path of ['/admin', '/admin/comments', '/admin/media', '/admin/articles']) {
      const { html } = await client.page(path)
      expect(await scriptsOf(html), path).not.toContain(ASSET_PATHS['editor.js'])
    }
  })
})
