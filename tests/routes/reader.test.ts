import { beforeAll, describe, expect, it } from 'vitest'
import { seedArticle } from '../../src/content/sample'
import { attrsOf, get, insertArticle, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'

const squash = (s: string) => s.replace(/\s+/g, ' ').trim()

beforeAll(seedSample)

describe('GET /bai-viet/:slug (the seed article)', () => {
  let html: string
  let res: Response
  beforeAll(async () => {
    res = await get(`/bai-viet/${SEED_SLUG}`)
    html = await res.text()
  })

  it('is a Vietnamese UTF-8 HTML page', () => {
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8')
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<html lang="vi">')
    expect(html).toContain('<meta charset="utf-8"/>')
  })

  it('shows the title with the publish time in Vietnamese local time', async () => {
    const [h1] = await textsOf(html, 'h1.article-title')
    expect(squash(h1!)).toBe(`${seedArticle.title} (15:19 30/11/2019)`)
    expect(await attrsOf(html, 'h1 time', 'datetime')).toEqual(['2019-11-30T15:19:00+07:00'])
    expect(await textsOf(html, 'title')).toEqual([
      `${seedArticle.title} - Cổng thông tin điện tử huyện Thường Tín`,
    ])
  })

  it('shows the lead with the source prefix, the body paragraphs and the author, word for word', async () => {
    expect(await textsOf(html, 'p.lead')).toEqual([`HNP -\u00a0${seedArticle.lead}`])
    const paragraphs = await textsOf(html, '.article-body p')
    const expected = seedArticle.body.split('\n\n').map((p) => p.trim())
    expect(paragraphs.map((p) => p.trim())).toEqual(expected)
    expect(paragraphs.every((p) => p === p.normalize('NFC'))).toBe(true)
    expect(await textsOf(html, 'p.author')).toEqual(['Thanh Tình'])
  })

  it('shows the view count', async () => {
    expect(squash((await textsOf(html, 'p.views'))[0]!)).toBe('Lượt xem: 1.268')
  })

  it('lists five newer and five older articles of the category with their dates', async () => {
    const headings = await textsOf(html, '.related h2')
    // "Tin liên quan" first: the seed article has no topic, so its category's newest.
    expect(headings).toEqual(['Tin liên quan', 'Các bài mới đăng', 'Các bài đã đăng'])
    expect(await textsOf(html, 'section[aria-labelledby="tin-lien-quan"] li')).toHaveLength(5)
    const newer = await textsOf(html, 'section[aria-labelledby="bai-moi"] li')
    const older = await textsOf(html, 'section[aria-labelledby="bai-cu"] li')
    expect(newer).toHaveLength(5)
    expect(older).toHaveLength(5)
    for (const item of [...newer, ...older]) expect(item).toMatch(/\(\d{2}\/\d{2}\/\d{4}\)$/)
    const links = await attrsOf(
      html,
      'section.related:not([aria-labelledby="tin-lien-quan"]) a',
      'href',
    )
    expect(links).toHaveLength(10)
    expect(links.every((href) => href.startsWith('/bai-viet/'))).toBe(true)
  })

  it('shows approved comments only, oldest first, with a count', async () => {
    expect(await textsOf(html, '#binh-luan-title')).toEqual(['Bình luận (2)'])
    expect(await textsOf(html, '.comment-name')).toEqual(['Nguyễn Văn Hùng', 'Trần Thị Mai'])
    expect(await textsOf(html, '.comment-title')).toEqual(['Cần thiết và kịp thời', 'Góp ý'])
    // Line breaks in a comment are kept.
    expect(html).toMatch(/năm 2020\.<br\/>Xin cảm ơn/)
    expect(html).not.toContain('Chờ duyệt')
    // Phone numbers are for editors only.
    expect(html).not.toContain('0912345678')
    expect(html).not.toContain('0987654321')
  })

  it('has the comment form with the seed labels', async () => {
    const labels = (
      await textsOf(html, '.comment-form .field label, .comment-form .field .label')
    ).map(squash)
    expect(labels).toEqual(['Họ tên*', 'Số điện thoại', 'Tiêu đề*', 'Nội dung*', 'Mã xác nhận'])
    expect(await textsOf(html, '.comment-form h2')).toEqual(['Viết bình luận'])
    expect(await textsOf(html, 'button.captcha-refresh')).toEqual(['Lấy lại mã bảo mật'])
    expect(await attrsOf(html, '.comment-form form', 'action')).toEqual([
      `/bai-viet/${SEED_SLUG}/binh-luan`,
    ])
    expect(await attrsOf(html, '.comment-form input', 'name')).toEqual([
      'name',
      'phone',
      'title',
      'website',
    ])
    expect(await attrsOf(html, '.comment-form textarea', 'name')).toEqual(['content'])
  })

  it('has the site name and category navigation', async () => {
    expect(await textsOf(html, '.site-name')).toEqual(['Cổng thông tin điện tử huyện Thường Tín'])
    const nav = await textsOf(html, '.site-nav a')
    expect(nav).toEqual([
      'Trang chủ',
      'Tin tức - Sự kiện',
      'Xây dựng Đảng',
      'Kinh tế',
      'Văn hóa - Xã hội',
      'Quốc phòng - An ninh',
    ])
    expect(await attrsOf(html, '.site-nav a[aria-current]', 'href')).toEqual([
      '/chuyen-muc/xay-dung-dang',
    ])
  })
})

describe('GET / and /chuyen-muc/:slug', () => {
  it('lists the 20 newest articles with title, time and lead, and links to page 2', async () => {
    const res = await get('/tin-moi')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(await textsOf(html, '.article-item-title')).toHaveLength(20)
    expect(await attrsOf(html, '.article-item time', 'datetime')).toHaveLength(20)
    expect(await textsOf(html, '.article-item-lead')).toHaveLength(20)
    expect(await attrsOf(html, '.pagination a[rel="next"]', 'href')).toEqual(['/tin-moi?page=2'])
    expect(await attrsOf(html, '.pagination a[rel="prev"]', 'href')).toEqual([])
    // The home page's old paged addresses lead to the same pages.
    const old = await get('/?page=2', { redirect: 'manual' })
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe('/tin-moi?page=2')
  })

  it('serves the last page and answers a page past it with 404', async () => {
    // Follow "Trang sau" to the end.
    let lastPage = 1
    for (;;) {
      const html = await (
        await get(lastPage === 1 ? '/tin-moi' : `/tin-moi?page=${lastPage}`)
      ).text()
      const next = await attrsOf(html, '.pagination a[rel="next"]', 'href')
      if (next.length === 0) break
      expect(next).toEqual([`/tin-moi?page=${lastPage + 1}`])
      lastPage += 1
    }
    expect(lastPage).toBeGreaterThanOrEqual(3)
    const last = await get(`/tin-moi?page=${lastPage}`)
    const lastHtml = await last.text()
    expect(last.status).toBe(200)
    expect((await textsOf(lastHtml, '.article-item-title')).length).toBeGreaterThan(0)
    expect(await attrsOf(lastHtml, '.pagination a[rel="next"]', 'href')).toEqual([])
    expect(await attrsOf(lastHtml, '.pagination a[rel="prev"]', 'href')).toEqual([
      lastPage - 1 === 1 ? '/tin-moi' : `/tin-moi?page=${lastPage - 1}`,
    ])
    expect((await get(`/tin-moi?page=${lastPage + 1}`)).status).toBe(404)
  })

  it('sends a link pasted with its Vietnamese marks to the article (301), which answers 200', async () => {
    const pasted = '/bai-viet/thường-tín-tổ-chức-các-hoạt-động-thông-tin-đối-ngoại-năm-2020'
    const res = await get(pasted, { redirect: 'manual' })
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe(`/bai-viet/${SEED_SLUG}`)
    expect((await get(pasted)).status).toBe(200)
    const category = await get('/chuyen-muc/Kinh%20T%E1%BA%BF', { redirect: 'manual' })
    expect(category.headers.get('location')).toBe('/chuyen-muc/kinh-te')
  })

  it.each(['0', '-1', 'abc', '1.5', '99999999999999999999', '', '1'])(
    'sends ?page=%s to the first page (301), storing nothing under it',
    async (page) => {
      const res = await get(`/chuyen-muc/kinh-te?page=${encodeURIComponent(page)}`, {
        redirect: 'manual',
      })
      expect(res.status).toBe(301)
      expect(res.headers.get('location')).toBe('/chuyen-muc/kinh-te')
      expect(res.headers.get('cache-control')).toBe('private, no-store')
    },
  )

  it('lists one category, marked in the navigation', async () => {
    const res = await get('/chuyen-muc/xay-dung-dang')
    const html = await res.text()
    expect(res.status).toBe(200)
    expect(await textsOf(html, 'h1')).toEqual(['Xây dựng Đảng'])
    const titles = await textsOf(html, '.article-item-title')
    expect(titles.map((t) => t.trim())).toContain(seedArticle.title)
    expect(await attrsOf(html, '.site-nav a[aria-current]', 'href')).toEqual([
      '/chuyen-muc/xay-dung-dang',
    ])
    expect((await get('/chuyen-muc/xay-dung-dang?page=2')).status).toBe(404)
  })
})

describe('404s', () => {
  it.each([
    ['/bai-viet/khong-ton-tai', 'with'],
    ['/bai-viet/KHONG-HOP-LE', 'with'],
    ['/chuyen-muc/khong-ton-tai', 'with'],
    // URLs that cannot name anything: the page without the category menu (no D1 read).
    ['/bai-viet/%E2%80%AE..%2F', 'without'],
    ['/trang-khong-co', 'without'],
  ])('%s is a Vietnamese 404 page in the layout, %s the categories', async (path, menu) => {
    const res = await get(path)
    const html = await res.text()
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(html).toContain('<html lang="vi">')
    expect(await textsOf(html, 'h1')).toEqual(['Không tìm thấy trang'])
    const links = await attrsOf(html, '.site-nav a', 'href')
    expect(links[0]).toBe('/')
    if (menu === 'with') expect(links).toContain('/chuyen-muc/kinh-te')
    else expect(links).toEqual(['/'])
  })

  it('hides drafts, articles in review and scheduled articles from readers', async () => {
    const db = testDb()
    const hidden = [
      await insertArticle(db, {
        categorySlug: 'kinh-te',
        status: 'draft',
        title: 'Bản nháp bí mật',
      }),
      await insertArticle(db, {
        categorySlug: 'kinh-te',
        status: 'review',
        title: 'Đang duyệt bí mật',
      }),
      await insertArticle(db, {
        categorySlug: 'kinh-te',
        title: 'Hẹn giờ bí mật',
        publishedAt: new Date(Date.now() + 86_400_000),
      }),
    ]
    for (const { slug } of hidden) {
      expect((await get(`/bai-viet/${slug}`)).status).toBe(404)
    }
    for (const path of ['/', '/chuyen-muc/kinh-te']) {
      const html = await (await get(path)).text()
      expect(html).not.toContain('bí mật')
    }
  })

  it('shows a published article without the comment form when comments are off', async () => {
    const { slug } = await insertArticle(testDb(), {
      categorySlug: 'kinh-te',
      commentsEnabled: false,
    })
    const html = await (await get(`/bai-viet/${slug}`)).text()
    expect(html).not.toContain('class="comment-form"')
    expect(html).toContain('Bài viết này đã tắt chức năng bình luận.')
  })
})

describe('Đọc nhiều (most read)', () => {
  it('lists the five most read visible articles on the article page, most read first', async () => {
    const db = testDb()
    const { visibleToReaders } = await import('../../src/db/articles')
    const { articles } = await import('../../src/db/schema')
    const { desc } = await import('drizzle-orm')
    const top = await db
      .select({ slug: articles.slug })
      .from(articles)
      .where(visibleToReaders(new Date()))
      .orderBy(desc(articles.viewCount), desc(articles.id))
      .limit(5)
    const html = await (await get(`/bai-viet/${SEED_SLUG}?most-read=1`)).text()
    expect(await textsOf(html, '#doc-nhieu')).toEqual(['Đọc nhiều'])
    expect(await attrsOf(html, '.most-read a', 'href')).toEqual(
      top.map((t) => `/bai-viet/${t.slug}`),
    )
  })
})

describe('cover images', () => {
  it('shows the cover at the top of the article, sized and not lazy, and lazy thumbnails in lists', async () => {
    const cover = '/media/anh/2026/le-hoi.jpg'
    const { slug } = await insertArticle(testDb(), {
      categorySlug: 'van-hoa-xa-hoi',
      title: 'Lễ hội làng nghề sơn mài Hạ Thái',
      coverImage: cover,
    })
    const article = await (await get(`/bai-viet/${slug}`)).text()
    expect(await attrsOf(article, '.article-cover img', 'src')).toEqual([cover])
    expect(await attrsOf(article, '.article-cover img', 'alt')).toEqual([
      'Lễ hội làng nghề sơn mài Hạ Thái',
    ])
    expect(await attrsOf(article, '.article-cover img', 'width')).toEqual(['1200'])
    expect(await attrsOf(article, '.article-cover img', 'height')).toEqual(['675'])
    expect(await attrsOf(article, '.article-cover img', 'loading')).toEqual([])
    expect(await attrsOf(article, 'meta[property="og:image"]', 'content')).toEqual([
      `https://portal.test${cover}`,
    ])

    // A category page nobody asked for yet in this file, so it is rendered now.
    const list = await (await get('/chuyen-muc/van-hoa-xa-hoi?page=1')).text()
    expect(await attrsOf(list, 'img.article-item-cover', 'src')).toEqual([cover])
    expect(await attrsOf(list, 'img.article-item-cover', 'loading')).toEqual(['lazy'])
    expect(await attrsOf(list, 'img.article-item-cover', 'width')).toEqual(['240'])
    expect(await attrsOf(list, 'img.article-item-cover', 'height')).toEqual(['135'])
    expect((await attrsOf(list, 'img.article-item-cover', 'sizes'))[0]).toContain('240px')
  })
})
