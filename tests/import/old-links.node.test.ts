import { describe, expect, it } from 'vitest'
import { oldLinksOf, rewriteOldLink } from '../../src/import/old-links'
import type { ImportBundle } from '../../src/import/types'
import { importArticle } from '../fixtures/import-article'

const bundle = (name: string, oldPaths: string[]): ImportBundle => ({
  source: { kind: 'wordpress', name, uploadPath: () => null },
  categories: [
    {
      sourceId: 'c',
      name: 'Tin tức',
      alias: 'tin-tuc',
      parentId: null,
      position: 1,
      oldPaths: ['/tin-tuc'],
    },
  ],
  articles: [
    importArticle({ sourceId: '12', title: 'Bài', alias: 'bai', publishedAt: null, oldPaths }),
  ],
  comments: [],
  skipped: [],
})

describe('links to the old site inside imported bodies', () => {
  const links = oldLinksOf(
    bundle('wordpress:https://old.site.vn', ['/tin-tuc/ra-mat-12.html', '/?p=12']),
  )

  it('points site paths and the old site’s absolute addresses at their old key here', () => {
    expect(rewriteOldLink('/Tin-tuc/Ra-mat-12.html', links)).toBe('/tin-tuc/ra-mat-12.html')
    expect(rewriteOldLink('http://old.site.vn/Tin-tuc/Ra-mat-12.html?fbclid=x#doan-2', links)).toBe(
      '/tin-tuc/ra-mat-12.html#doan-2',
    )
    expect(rewriteOldLink('https://OLD.site.vn/?p=12', links)).toBe('/?p=12')
    expect(rewriteOldLink('/Tin-tuc/', links)).toBe('/tin-tuc')
    // A mirror or an old domain of the site: its own paths are specific enough.
    expect(rewriteOldLink('http://www.old-domain.vn/tin-tuc/ra-mat-12.html', links)).toBe(
      '/tin-tuc/ra-mat-12.html',
    )
  })

  it('leaves other links alone', () => {
    for (const href of [
      'https://other.vn/?p=12',
      'https://other.vn/tin-tuc/khac-1.html',
      '/tin-tuc/khac-1.html',
      '//old.site.vn/tin-tuc/ra-mat-12.html',
      'mailto:a@b.vn',
      '#muc-1',
      '/',
      'https://old.site.vn/',
    ]) {
      expect(rewriteOldLink(href, links), href).toBeNull()
    }
    expect(
      rewriteOldLink('/tin-tuc', oldLinksOf({ ...bundle('feed:x', []), categories: [] })),
    ).toBeNull()
  })
})
