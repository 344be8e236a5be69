import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { findCommentTarget } from '../../src/db/comments'
import { articles, categories, comments } from '../../src/db/schema'
import { AdminClient } from '../admin-client'
import { attrsOf, elementsOf, get, SEED_SLUG, seedSample, testDb, textsOf } from '../helpers'

beforeAll(seedSample)

describe('HTML admin', () => {
  it('sends visitors without a session to the login page, and refuses a wrong token', async () => {
    const anon = await get('/admin/articles', { redirect: 'manual' })
    expect(anon.status).toBe(303)
    expect(anon.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Farticles')
    const client = new AdminClient()
    const wrong = await client.login('not-the-right-token-at-all')
    expect(wrong.status).toBe(401)
    expect(await textsOf(await wrong.text(), '.form-error')).toEqual(['Mã truy cập không đúng.'])
    expect(client.session).toBeUndefined()
  })

  it('logs in, creates and publishes an article, approves a comment, and logs out', async () => {
    const client = new AdminClient()
    const login = await client.login()
    expect(login.status).toBe(303)
    expect(login.headers.get('location')).toBe('/admin')
    const cookie = login.headers.getSetCookie().find((l) => l.startsWith('__Host-ctt_admin='))!
    expect(cookie).toMatch(/^__Host-ctt_admin=/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Max-Age=43200/)

    const dashboard = await client.page('/admin')
    expect(dashboard.res.status).toBe(200)
    expect(dashboard.res.headers.get('cache-control')).toBe('private, no-store')
    expect(await textsOf(dashboard.html, 'h1')).toEqual(['Tổng quan'])

    // Create a draft, then publish it.
    const [category] = await testDb()
      .select()
      .from(categories)
      .where(eq(categories.slug, 'kinh-te'))
    // The article form as a browser sends it, with these fields changed.
    const articleForm = (fields: Record<string, string>) => ({
      title: '',
      slug: '',
      lead: '',
      body: '',
      author: '',
      source: 'HNP',
      categoryId: String(category!.id),
      status: 'draft',
      publishedAt: '',
      coverImage: '',
      commentsEnabled: 'true',
      ...fields,
    })
    const blank = await client.page('/admin/articles/new')
    // "Xem trước" before the first save: the form's fields, rendered, nothing stored.
    expect(
      await elementsOf(blank.html, 'button[formaction]', ['formaction', 'formtarget']),
    ).toEqual([{ formaction: '/admin/articles/preview', formtarget: '_blank' }])
    const unsaved = await client.post(
      '/admin/articles/preview',
      articleForm({
        title: 'Bài chưa lưu',
        lead: 'Tóm tắt chưa lưu.',
        body: 'Có **chữ đậm** chưa lưu.',
      }),
    )
    expect(unsaved.status).toBe(200)
    const unsavedHtml = await unsaved.text()
    expect((await textsOf(unsavedHtml, 'h1.article-title')).map((t) => t.trim())).toEqual([
      'Bài chưa lưu',
    ])
    expect(await textsOf(unsavedHtml, '.article-body strong')).toEqual(['chữ đậm'])
    expect(await textsOf(unsavedHtml, 'p.notice')).toEqual([
      'Bản xem trước chưa lưu: đây là nội dung trong biểu mẫu; chưa có gì được lưu, bạn đọc chưa thấy.',
    ])
    expect(
      (await testDb().select().from(articles).where(eq(articles.title, 'Bài chưa lưu'))).length,
    ).toBe(0)
    const missing = await client.post('/admin/articles/preview', { title: '', categoryId: '' })
    expect(missing.status).toBe(422)
    expect(await missing.text()).toContain('Chưa xem trước được')
    const written = {
      title: 'Bài viết từ trang quản trị',
      lead: 'Tóm tắt từ quản trị.',
      body: 'Đoạn một có **chữ đậm**.\n\nĐoạn hai.',
      author: 'Biên tập viên',
    }
    const created = await client.post('/admin/articles', articleForm(written))
    expect(created.status).toBe(303)
    const editUrl = created.headers.get('location')!
    expect(editUrl).toMatch(/^\/admin\/articles\/\d+\?ok=created$/)
    expect((await get('/bai-viet/bai-viet-tu-trang-quan-tri')).status).toBe(404)

    const edit = await client.page(editUrl)
    expect(await textsOf(edit.html, '.notice')).toEqual(['Đã tạo.'])
    const id = editUrl.match(/\d+/)![0]
    const preview = await client.page(`/admin/articles/${id}/preview`)
    expect(await textsOf(preview.html, '.article-body strong')).toEqual(['chữ đậm'])
    expect(await textsOf(preview.html, 'p.notice')).toEqual([
      'Bản xem trước: bạn đọc chưa nhìn thấy bài viết này cho đến khi bài được đăng.',
    ])

    const publish = await client.post(
      `/admin/articles/${id}`,
      articleForm({ ...written, slug: 'bai-viet-tu-trang-quan-tri', status: 'published' }),
    )
    expect(publish.status).toBe(303)
    // Once published, the preview says readers see it.
    const published = await client.page(`/admin/articles/${id}/preview`)
    expect(await textsOf(published.html, 'p.notice')).toEqual([
      'Bản xem trước của bài đã đăng: bạn đọc đang thấy bài này (bản đã lưu).',
    ])
    const readerPage = await get('/bai-viet/bai-viet-tu-trang-quan-tri')
    expect(readerPage.status).toBe(200)
    expect(await textsOf(await readerPage.text(), '.article-body strong')).toEqual(['chữ đậm'])

    // Approve a pending comment from the queue.
    const db = testDb()
    const target = (await findCommentTarget(db, SEED_SLUG, new Date()))!
    const [pending] = await db
      .insert(comments)
      .values({
        articleId: target.id,
        name: 'Độc giả',
        title: 'Duyệt qua giao diện',
        content: 'Nội dung',
        status: 'pending',
      })
      .returning({ id: comments.id })
    const queue = await client.page('/admin/comments?status=pending')
    expect(queue.html).toContain('Duyệt qua giao diện')
    const approve = await client.post('/admin/comments', {
      ids: [String(pending!.id)],
      action: 'approve',
    })
    expect(approve.status).toBe(303)
    expect(await (await get(`/bai-viet/${SEED_SLUG}`)).text()).toContain('Duyệt qua giao diện')

    const logout = await client.post('/admin/logout', {})
    expect(logout.status).toBe(303)
    expect(logout.headers.getSetCookie().join('\n')).toMatch(/__Host-ctt_admin=;/)
    expect(client.session).toBeUndefined()
    expect((await client.request('/admin')).status).toBe(303)
  })

  it('re-renders the article form with messages and the typed text on invalid input', async () => {
    const client = new AdminClient()
    await client.login()
    await client.page('/admin/articles/new')
    const res = await client.post('/admin/articles', {
      title: '',
      body: 'Nội dung tôi đã gõ',
      categoryId: '',
      status: 'draft',
      publishedAt: 'không phải ngày',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(await textsOf(html, '#loi-title')).toEqual(['Vui lòng nhập tiêu đề.'])
    expect(await textsOf(html, '#loi-categoryId')).toEqual(['Vui lòng chọn chuyên mục.'])
    expect(await textsOf(html, '#f-body')).toEqual(['Nội dung tôi đã gõ'])
  })

  it('refuses a field sent twice (except the ones a form lists), and a blank name', async () => {
    const client = new AdminClient()
    await client.login()
    await client.page('/admin/categories')
    const before = await testDb().select().from(categories)
    const twice = await client.post('/admin/categories', { name: ['Một', 'Hai'] })
    expect(twice.status).toBe(400)
    expect(await twice.text()).toContain('Biểu mẫu gửi trường &quot;name&quot; nhiều lần')
    const tokenTwice = await client.post('/admin/categories', {
      name: 'Mã hai lần',
      _csrf: [client.csrf, client.csrf],
    })
    expect(tokenTwice.status).toBe(403)
    const blank = await client.post('/admin/categories', { name: '\u200B\u3164' })
    expect(blank.status).toBe(422)
    expect(await blank.text()).toContain('Vui lòng nhập tên chuyên mục.')
    expect(await testDb().select().from(categories)).toEqual(before)
    // A repeated sign-in signs no one in.
    const login = await new AdminClient().request('/admin/login', {
      method: 'POST',
      form: { token: ['sai', 'test-admin-token'], next: '/admin' },
    })
    expect(login.status).toBe(401)
    expect(login.headers.getSetCookie().filter((l) => l.startsWith('__Host-ctt_admin='))).toEqual(
      [],
    )
  })

  it('makes a new slug from the title when the slug field is emptied, keeping the old URL', async () => {
    const client = new AdminClient()
    await client.login()
    const [category] = await testDb()
      .select()
      .from(categories)
      .where(eq(categories.slug, 'kinh-te'))
    await client.page('/admin/articles/new')
    // The article form as a browser sends it, with an empty slug field.
    const form = (title: string, publishedAt: string) => ({
      title,
      slug: '',
      lead: '',
      body: 'Nội dung.',
      author: '',
      source: '',
      categoryId: String(category!.id),
      status: 'published',
      publishedAt,
      commentsEnabled: 'true',
      coverImage: '',
    })
    const created = await client.post('/admin/articles', form('Tên cũ của bài', ''))
    expect(created.status).toBe(303)
    const id = Number(/\/admin\/articles\/(\d+)/.exec(created.headers.get('location')!)![1])
    const [before] = await testDb().select().from(articles).where(eq(articles.id, id))
    expect(before!.slug).toBe('ten-cu-cua-bai')
    await client.page(`/admin/articles/${id}`)
    const saved = await client.post(
      `/admin/articles/${id}`,
      form('Tên mới của bài', before!.publishedAt!.toISOString()),
    )
    expect(saved.status).toBe(303)
    const [after] = await testDb().select().from(articles).where(eq(articles.id, id))
    expect(after!.slug).toBe('ten-moi-cua-bai')
    const old = await get('/bai-viet/ten-cu-cua-bai', { redirect: 'manual' })
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe('/bai-viet/ten-moi-cua-bai')
  })

  it('lines the category fields up under their headings and says why Xóa is disabled', async () => {
    const client = new AdminClient()
    await client.login()
    const { html } = await client.page('/admin/categories')
    expect(await textsOf(html, 'thead th')).toEqual([
      'Tên',
      'Đường dẫn',
      'Thứ tự',
      'Bài viết',
      'Thao tác',
    ])
    const forms = await attrsOf(html, 'tbody form[id]', 'id')
    expect(forms.length).toBeGreaterThan(0)
    for (const id of forms) {
      // Name, slug and position each in a cell of their own, all sent by the row's form.
      expect(await attrsOf(html, `tbody input[form="${id}"]`, 'name')).toEqual([
        'name',
        'slug',
        'position',
      ])
    }
    const reasons = await attrsOf(html, 'button[disabled]', 'aria-describedby')
    expect(reasons.length).toBeGreaterThan(0)
    for (const id of reasons) {
      expect((await textsOf(html, `#${id}`))[0]).toMatch(/^Còn \d+ bài viết/)
    }
  })

  it('pages the article list with spaced links and shows the time it is sorted by', async () => {
    const client = new AdminClient()
    await client.login()
    const { html } = await client.page('/admin/articles')
    const [pager] = await textsOf(html, '.pagination')
    expect(pager!.replace(/\s+/g, ' ').trim()).toMatch(/^Trang 1\/\d+ Sau »$/)
    expect(await textsOf(html, 'th[aria-sort="descending"]')).toEqual([
      expect.stringContaining('Sửa lần cuối'),
    ])
  })

  it('rejects state changes without the right origin or CSRF token', async () => {
    const client = new AdminClient()
    await client.login()
    await client.page('/admin/categories')
    const before = await testDb().select().from(categories)

    const noToken = await client.request('/admin/categories', {
      method: 'POST',
      form: { name: 'Không có mã CSRF' },
    })
    expect(noToken.status).toBe(403)
    const wrongToken = await client.post('/admin/categories', {
      name: 'Sai mã',
      _csrf: 'x'.repeat(40),
    })
    expect(wrongToken.status).toBe(403)
    const crossSite = await client.post(
      '/admin/categories',
      { name: 'Khác nguồn' },
      { origin: 'https://evil.example' },
    )
    expect(crossSite.status).toBe(403)
    expect(await crossSite.text()).toContain('Yêu cầu không được chấp nhận')
    const noOrigin = await client.request('/admin/categories', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: client.csrf, name: 'Không có Origin' }),
    })
    expect(noOrigin.status).toBe(403)
    // Login itself is protected against cross-site posts too.
    const crossLogin = await get('/admin/login', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'token=test-admin-token',
      redirect: 'manual',
    })
    expect(crossLogin.status).toBe(403)
    expect(await crossLogin.text()).toContain('Yêu cầu không được chấp nhận')

    expect(await testDb().select().from(categories)).toHaveLength(before.length)
    const ok = await client.post('/admin/categories', { name: 'Chuyên mục hợp lệ', position: '7' })
    expect(ok.status).toBe(303)
    expect(await testDb().select().from(categories)).toHaveLength(before.length + 1)
  })

  it('shows a new editor token once and lets that editor sign in, without admin pages', async () => {
    const admin = new AdminClient()
    await admin.login()
    await admin.page('/admin/editors')
    const res = await admin.post('/admin/editors', { name: 'Phóng viên Hoa', role: 'writer' })
    expect(res.status).toBe(201)
    const [token] = await textsOf(await res.text(), 'code.token')
    expect(token).toMatch(/^ctt_/)

    const writer = new AdminClient()
    expect((await writer.login(token!)).status).toBe(303)
    const nav = await textsOf((await writer.page('/admin')).html, '.admin-header nav a')
    expect(nav).not.toContain('Biên tập viên')
    expect(nav).not.toContain('Bình luận')
    expect((await writer.page('/admin/editors')).res.status).toBe(403)
    expect((await writer.page('/admin/comments')).res.status).toBe(403)
  })

  it('never caches admin pages and keeps the redirect target on this site', async () => {
    const client = new AdminClient()
    const res = await client.request('/admin/login', {
      method: 'POST',
      form: { token: 'test-admin-token', next: 'https://evil.example/' },
    })
    expect(res.headers.get('location')).toBe('/admin')
    const login = await get('/admin/login')
    expect(login.headers.get('cache-control')).toBe('private, no-store')
    const [article] = await testDb().select({ id: articles.id }).from(articles).limit(1)
    expect(
      (await client.page(`/admin/articles/${article!.id}`)).res.headers.get('cache-control'),
    ).toBe('private, no-store')
  })
})
