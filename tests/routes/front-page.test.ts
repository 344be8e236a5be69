import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditLog, categories } from '../../src/db/schema'
import { AdminClient } from '../admin-client'
import { attrsOf, get, insertArticle, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'

const ADMIN = { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' }
const SEED_TITLE = 'Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020'

async function api(method: string, path: string, body?: unknown, headers = ADMIN) {
  const res = await get(`/api/admin${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json().catch(() => null)) as any }
}

async function home() {
  const res = await get('/')
  return { res, html: await res.text() }
}

beforeAll(seedSample)

describe('the front page', () => {
  it('leads with the featured story, then the newest, a block per chosen category, "Đọc nhiều" and the links', async () => {
    const { res, html } = await home()
    expect(res.status).toBe(200)
    expect(await textsOf(html, '.lead-story-title')).toEqual([SEED_TITLE])
    expect(await textsOf(html, '#tin-moi')).toEqual(['Tin mới nhất'])
    // The lead story is not listed again under "Tin mới nhất".
    expect(await attrsOf(html, '.home-main .article-item-title a', 'href')).not.toContain(
      `/bai-viet/${SEED_SLUG}`,
    )
    expect(await attrsOf(html, '.category-block h2 a', 'href')).toEqual([
      '/chuyen-muc/tin-tuc-su-kien',
      '/chuyen-muc/xay-dung-dang',
      '/chuyen-muc/kinh-te',
      '/chuyen-muc/van-hoa-xa-hoi',
      '/chuyen-muc/quoc-phong-an-ninh',
    ])
    for (const count of await Promise.all(
      (await attrsOf(html, '.category-block', 'aria-labelledby')).map(
        async (id) =>
          (await textsOf(html, `section[aria-labelledby="${id}"] a[href^="/bai-viet/"]`)).length,
      ),
    )) {
      expect(count).toBeGreaterThan(0)
      expect(count).toBeLessThanOrEqual(4)
    }
    expect(await textsOf(html, '.most-read li')).toHaveLength(5)
    expect(await textsOf(html, '.site-links a')).toContain('Cổng thông tin điện tử Chính phủ')
    expect(await textsOf(html, '.footer-facts dd')).toContain('Ủy ban nhân dân huyện Thường Tín')
    expect(await attrsOf(html, 'a[href="/tin-moi?page=2"], a[href="/?page=2"]', 'href')).toEqual([])
    expect(await attrsOf(html, '.more a', 'href')).toEqual(['/tin-moi'])
  })

  it('shows featured stories in the editors’ order until their end time, published ones only', async () => {
    const db = testDb()
    const a = await insertArticle(db, { categorySlug: 'kinh-te', title: 'Tin nổi bật A' })
    const b = await insertArticle(db, { categorySlug: 'kinh-te', title: 'Tin nổi bật B' })
    const draft = await insertArticle(db, {
      categorySlug: 'kinh-te',
      title: 'Bản nháp',
      status: 'draft',
      publishedAt: null,
    })
    const past = new Date(Date.now() - 60_000).toISOString()
    const future = new Date(Date.now() + 3_600_000).toISOString()
    // B would lead (position 0) but its time is over: A leads.
    let saved = await api('PUT', '/home/featured', {
      featured: [
        { articleId: a.id, position: 1 },
        { articleId: b.id, position: 0, until: past },
      ],
    })
    expect(saved.status).toBe(200)
    let page = await home()
    expect(await textsOf(page.html, '.lead-story-title')).toEqual(['Tin nổi bật A'])
    expect(await textsOf(page.html, '.featured-more a')).toEqual([])
    saved = await api('PUT', '/home/featured', {
      featured: [
        { articleId: a.id, position: 1 },
        { articleId: b.id, position: 0, until: future },
      ],
    })
    page = await home()
    expect(await textsOf(page.html, '.lead-story-title')).toEqual(['Tin nổi bật B'])
    expect(await textsOf(page.html, '.featured-more a')).toEqual(['Tin nổi bật A'])
    // A draft cannot be featured; nothing changes.
    const refused = await api('PUT', '/home/featured', {
      featured: [{ articleId: draft.id, position: 0 }],
    })
    expect(refused.status).toBe(422)
    expect(refused.json.error.fields.featured).toMatch(/bài đã đăng/)
    expect((await api('GET', '/home')).json.featured.map((f: any) => f.articleId)).toEqual([
      b.id,
      a.id,
    ])
    // Bad end times and positions get Vietnamese messages.
    const bad = await api('PUT', '/home/featured', {
      featured: [{ articleId: a.id, position: -1, until: 'ngày mai' }],
    })
    expect(bad.status).toBe(422)
  })

  it('shows blocks for the categories editors choose, from the web admin too', async () => {
    const db = testDb()
    const [economy] = await db.select().from(categories).where(eq(categories.slug, 'kinh-te'))
    expect((await api('PUT', '/home/blocks', { categoryIds: [economy!.id] })).status).toBe(200)
    let page = await home()
    expect(await attrsOf(page.html, '.category-block h2 a', 'href')).toEqual([
      '/chuyen-muc/kinh-te',
    ])
    const client = new AdminClient()
    await client.login()
    const form = await client.page('/admin/home')
    expect(await attrsOf(form.html, 'input[name="category"][checked]', 'value')).toEqual([
      String(economy!.id),
    ])
    const all = await attrsOf(form.html, 'input[name="category"]', 'value')
    const posted = await client.post('/admin/home/blocks', { category: all })
    expect(posted.status).toBe(303)
    page = await home()
    expect(await attrsOf(page.html, '.category-block h2 a', 'href')).toHaveLength(5)
  })

  it('answers the old paged home addresses and /tin-moi, which lists every story', async () => {
    const list = await get('/tin-moi')
    expect(list.status).toBe(200)
    expect(await textsOf(await list.text(), 'h1')).toEqual(['Tin mới nhất'])
    const old = await get('/?page=3', { redirect: 'manual' })
    expect(old.headers.get('location')).toBe('/tin-moi?page=3')
  })
})

describe('site settings', () => {
  const valid = {
    name: 'Cổng thông tin điện tử huyện Thường Tín',
    shortName: 'HNP',
    logo: '',
    governingAgency: 'Ủy ban nhân dân huyện Thường Tín',
    address: 'Số 1 phố Lý Tử Tấn, thị trấn Thường Tín',
    phone: '024 3385 3225',
    fax: '024 3385 3226',
    email: 'ubnd@thuongtin.hanoi.gov.vn',
    responsiblePerson: 'Nguyễn Văn A, Chánh Văn phòng',
    licence: 'Giấy phép số 01/GP-TTĐT',
    contactName: 'Trần Thị B',
    contactTitle: 'Chuyên viên',
    contactPhone: '0912 345 678',
    contactEmail: 'lienhe@thuongtin.hanoi.gov.vn',
    links: 'Cổng thông tin Hà Nội | https://hanoi.gov.vn/',
    social: 'Facebook | https://facebook.com/thuongtin',
  }

  it('refuses bad values with a message per field and the typed text kept; saves good ones, audited, on every page at once', async () => {
    const client = new AdminClient()
    await client.login()
    await client.page('/admin/settings')
    // Every page is in the cache before the change.
    for (const path of ['/', `/bai-viet/${SEED_SLUG}`]) {
      await get(path)
      expect((await get(path)).headers.get('x-cache'), path).toBe('HIT')
    }
    const refused = await client.post('/admin/settings', {
      ...valid,
      name: '   ',
      email: 'khong-phai-email',
      phone: '12345',
      links: 'Không có địa chỉ\nXấu | javascript:alert(1)',
    })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect((await textsOf(html, '.field-error')).length).toBe(4)
    expect(await attrsOf(html, '#f-address', 'value')).toEqual([valid.address])
    expect(await textsOf(html, '#f-links')).toEqual(['Không có địa chỉ\nXấu | javascript:alert(1)'])

    const saved = await client.post('/admin/settings', valid)
    expect(saved.status).toBe(303)
    const [entry] = await testDb()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'settings.update'))
    expect(entry).toBeDefined()
    const stored = (await api('GET', '/settings')).json
    expect(stored.phone).toBe('+842433853225')
    expect(stored.contactOfficer).toEqual({
      name: 'Trần Thị B',
      title: 'Chuyên viên',
      phone: '+84912345678',
      email: 'lienhe@thuongtin.hanoi.gov.vn',
    })
    for (const path of ['/', `/bai-viet/${SEED_SLUG}`, '/tin-moi']) {
      const res = await get(path)
      expect(res.headers.get('x-cache'), path).not.toBe('HIT')
      const page = await res.text()
      expect(await textsOf(page, '.footer-facts dd'), path).toEqual(
        expect.arrayContaining([valid.address, 'Giấy phép số 01/GP-TTĐT']),
      )
      expect(await attrsOf(page, '.footer-facts a[href^="tel:"]', 'href'), path).toEqual([
        'tel:+842433853225',
        'tel:+84912345678',
      ])
    }
    // The form shows the numbers as written in Vietnam.
    const again = await client.page('/admin/settings')
    expect(await attrsOf(again.html, '#f-phone', 'value')).toEqual(['024 3385 3225'])
  })

  it('is for administrators: editors get 403, and the API takes links as lists', async () => {
    const created = await api('POST', '/editors', { name: 'Biên tập Cài đặt', role: 'editor' })
    const editor = { ...ADMIN, authorization: `Bearer ${created.json.token}` }
    expect((await api('GET', '/settings', undefined, editor)).status).toBe(403)
    expect((await api('PUT', '/settings', valid, editor)).status).toBe(403)
    const client = new AdminClient()
    await client.login(created.json.token)
    expect((await client.request('/admin/settings')).status).toBe(403)
    // Editors do choose the front page's stories.
    expect((await client.request('/admin/home')).status).toBe(200)
    const put = await api('PUT', '/settings', {
      ...valid,
      links: [{ label: 'Chính phủ', url: 'https://chinhphu.vn/' }],
      social: [],
    })
    expect(put.status).toBe(200)
    expect(put.json.links).toEqual([{ label: 'Chính phủ', url: 'https://chinhphu.vn/' }])
    const logo = await api('PUT', '/settings', { ...valid, logo: 'https://example.com/x.png' })
    expect(logo.status).toBe(422)
    expect(logo.json.error.fields.logo).toMatch(/thư viện/)
  })
})
