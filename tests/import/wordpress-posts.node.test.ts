import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseWordPress } from '../../src/import/sources/wordpress'

const fixture = readFileSync(
  resolve(import.meta.dirname, '../fixtures/import/wordpress/export.xml'),
  'utf8',
)

/** The fixture with the post whose `wp:post_id` is `id` changed by `edit`. */
function withPost(xml: string, id: string, edit: (item: string) => string): string {
  return xml.replace(/<item>[\s\S]*?<\/item>/g, (item) =>
    item.includes(`<wp:post_id>${id}</wp:post_id>`) ? edit(item) : item,
  )
}

describe('WordPress posts as they come in real exports', () => {
  it('takes a guid naming another post as no address of this one', () => {
    const xml = withPost(fixture, '12', (item) =>
      item.replace(
        'https://example-district.vn/?p=12</guid>',
        'https://example-district.vn/?p=568</guid>',
      ),
    )
    const post = parseWordPress(xml).articles.find((a) => a.sourceId === '12')!
    expect(post.oldPaths).toContain('/?p=12')
    expect(post.oldPaths.some((p) => p.includes('568'))).toBe(false)
    // Its own guid is still one of its addresses (here the same as ?p=12).
    const own = parseWordPress(fixture).articles.find((a) => a.sourceId === '12')!
    expect(own.oldPaths).toContain('/?p=12')
  })

  it('imports a password-protected post as a draft, never published to everyone', () => {
    const xml = withPost(fixture, '12', (item) =>
      item.replace(
        '<wp:post_password><![CDATA[]]></wp:post_password>',
        '<wp:post_password><![CDATA[mat-khau]]></wp:post_password>',
      ),
    )
    const posts = parseWordPress(xml).articles
    expect(posts.find((a) => a.sourceId === '12')!.status).toBe('draft')
    expect(parseWordPress(fixture).articles.find((a) => a.sourceId === '12')!.status).toBe(
      'published',
    )
  })
})
