/**
 * The journeys of issue 8 in a real Chromium against the portal started as `npm start` starts
 * it. The tests run in order and share the portal: the comment written in journey 2 is the one
 * the editor approves in journey 3.
 */
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { JPEG_1600X900 } from '../fixtures/images'
import {
  DESKTOP,
  PHONE,
  launch,
  overflowAt,
  screenshot,
  seriousA11yProblems,
  watchedPage,
  type PageProblems,
} from './browser'

/** The body text size site.css gives at the browser's default 16 px. */
const BODY_FONT_SIZE = '17px'
const SEED_TITLE = 'Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020'
const SEED_PATH = '/bai-viet/thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020'
const origin = inject('origin')
const skipReason = inject('skipReason')
// Unique per run, so a run's comment and article can be told apart from earlier ones.
const marker = `E2E-${Date.now().toString(36)}`

let browser: Browser
const contexts: BrowserContext[] = []

async function open(viewport = DESKTOP): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' })
  contexts.push(context)
  return watchedPage(context, origin)
}

/** Every check a page gets: sideways scrolling at both widths and axe-core's findings. */
async function checkPage(page: Page, problems: PageProblems): Promise<void> {
  const where = new URL(page.url()).pathname
  expect(await overflowAt(page), `horizontal overflow on ${where}`).toEqual({
    [PHONE.width]: 0,
    [DESKTOP.width]: 0,
  })
  expect(await seriousA11yProblems(page), `axe on ${where}`).toEqual([])
  expect(problems.console, `console errors on ${where}`).toEqual([])
  expect(problems.failed, `failed requests on ${where}`).toEqual([])
  expect(problems.foreign, `requests to other origins on ${where}`).toEqual([])
}

/**
 * Opens a URL and waits until the page's requests are done, so the next navigation aborts
 * nothing it loads late (the security-code widget, the favicon); a request that hangs fails
 * here by timeout instead of being hidden by the next page.
 */
async function visit(page: Page, url: string): Promise<Response | null> {
  const response = await page.goto(url)
  await page.waitForLoadState('networkidle')
  return response
}

/** Navigates by clicking, and returns the response of the page it lands on, settled as above. */
async function follow(page: Page, click: () => Promise<void>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation(), click()])
  await page.waitForLoadState('networkidle')
  return response
}

/** Waits until the ALTCHA widget has solved its challenge and filled in its hidden field. */
async function securityCodeSolved(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value?.length,
    null,
    { timeout: 60_000 },
  )
}

/** Waits until the editor has the keyboard again (a toolbar button gives it back). */
async function editorFocused(page: Page): Promise<void> {
  await page.waitForFunction(() => document.activeElement?.classList.contains('editor-content'))
}

/**
 * Waits until the editor has the focus and the caret is in the table's cell number `index`
 * (0 for the first header cell, reading along the rows).
 */
async function caretInCell(page: Page, index: number): Promise<void> {
  await page.waitForFunction((index) => {
    const editor = document.querySelector('.editor-content')
    if (!editor || document.activeElement !== editor) return false
    const node = window.getSelection()?.anchorNode
    const cell = (node instanceof Element ? node : node?.parentElement)?.closest('th, td')
    return (
      cell !== null &&
      cell !== undefined &&
      [...editor.querySelectorAll('th, td')].indexOf(cell) === index
    )
  }, index)
}

/** Pastes `html` into an element as a browser does (a paste event carrying the clipboard). */
async function paste(target: Locator, html: string): Promise<void> {
  await target.evaluate((el, html) => {
    const data = new DataTransfer()
    data.setData('text/html', html)
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    )
  }, html)
}

describe.skipIf(skipReason !== '')('browser journeys', () => {
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  it('1. a reader goes from the home page through a category to the seed article and an older one', async () => {
    const { page, problems } = await open()
    const home = await visit(page, `${origin}/`)
    expect(home?.status()).toBe(200)
    await expect(page.locator('h1, .site-name').first()).toBeTruthy()
    await checkPage(page, problems)
    await screenshot(page, 'home')

    await follow(page, () =>
      page.locator('.site-nav').getByRole('link', { name: 'Xây dựng Đảng' }).click(),
    )
    expect(new URL(page.url()).pathname).toBe('/chuyen-muc/xay-dung-dang')
    await checkPage(page, problems)

    // The seed article is from 2019: page through the category until its link shows.
    const seedLink = page.locator('main').getByRole('link', { name: SEED_TITLE, exact: true })
    for (let i = 0; i < 10 && (await seedLink.count()) === 0; i++) {
      await follow(page, () => page.getByRole('link', { name: 'Trang sau »' }).click())
    }
    await follow(page, () => seedLink.first().click())
    expect(new URL(page.url()).pathname).toBe(SEED_PATH)

    await expect(page.locator('h1.article-title').textContent()).resolves.toContain(SEED_TITLE)
    expect(await page.locator('h1.article-title time').textContent()).toBe('15:19 30/11/2019')
    expect(await page.locator('h1.article-title time').getAttribute('datetime')).toBe(
      '2019-11-30T15:19:00+07:00',
    )
    expect(await page.locator('p.lead').innerText()).toMatch(
      /^HNP -\s+Ngày 22-11, Huyện ủy Thường Tín có Kế hoạch số 242-KH\/HU/,
    )
    expect(await page.locator('p.author').innerText()).toBe('Thanh Tình')
    expect(await page.locator('#bai-moi').innerText()).toBe('Các bài mới đăng')
    expect(await page.locator('#bai-cu').innerText()).toBe('Các bài đã đăng')
    const newer = page.locator('section[aria-labelledby="bai-moi"] li a')
    const older = page.locator('section[aria-labelledby="bai-cu"] li a')
    expect(await newer.count()).toBeGreaterThan(0)
    expect(await older.count()).toBeGreaterThan(0)
    await checkPage(page, problems)
    await screenshot(page, 'article-desktop')

    const phone = await open(PHONE)
    await visit(phone.page, `${origin}${SEED_PATH}`)
    await checkPage(phone.page, phone.problems)
    await screenshot(phone.page, 'article-360', true)

    const olderTitle = (await older.first().innerText()).trim()
    await follow(page, () => older.first().click())
    expect(page.url()).not.toContain(SEED_PATH)
    expect(await page.locator('h1.article-title').innerText()).toContain(olderTitle)
    await checkPage(page, problems)
  })

  it('2. a reader posts a comment with the security code, then gets a missing field pointed out', async () => {
    const { page, problems } = await open()
    await visit(page, `${origin}${SEED_PATH}`)
    await page.fill('#cf-name', 'Nguyễn Thị Hồng Nhung')
    await page.fill('#cf-phone', '0912 345 678')
    await page.fill('#cf-title', 'Cảm ơn bài viết')
    await page.fill('#cf-content', `Thông tin rất bổ ích cho bà con Thường Tín. ${marker}`)
    await securityCodeSolved(page)
    const posted = await follow(page, () =>
      page.getByRole('button', { name: 'Gửi bình luận' }).click(),
    )
    expect(posted?.status()).toBe(200)
    expect(await page.locator('.notice').innerText()).toContain('Bình luận của bạn đang chờ duyệt')
    // Waiting for moderation: not shown yet.
    expect(
      await page
        .locator('.comment-list')
        .textContent()
        .catch(() => ''),
    ).not.toContain(marker)
    await checkPage(page, problems)

    // Again, with the title left empty: the form comes back with a message and the text kept.
    const content = `Đường làng đã được bê tông hóa, xin cảm ơn chính quyền xã. ${marker}`
    await page.fill('#cf-name', 'Trần Văn Đức')
    await page.fill('#cf-content', content)
    await securityCodeSolved(page)
    const rejected = await follow(page, () =>
      page.getByRole('button', { name: 'Gửi bình luận' }).click(),
    )
    expect(rejected?.status()).toBe(422)
    expect(await page.locator('#loi-title').innerText()).toMatch(/tiêu đề/i)
    expect(await page.locator('#cf-title').getAttribute('aria-invalid')).toBe('true')
    expect(await page.inputValue('#cf-name')).toBe('Trần Văn Đức')
    expect(await page.inputValue('#cf-content')).toBe(content)
    // The 422 document itself is expected; Chromium reports it as a console error.
    problems.console = problems.console.filter((line) => !line.includes('status of 422'))
    await checkPage(page, problems)
    await page.locator('#viet-binh-luan').scrollIntoViewIfNeeded()
    await screenshot(page, 'comment-error')
  })

  it('3. an editor approves the comment and publishes an article; readers see both at once', async () => {
    // The pages are in the edge cache before the editor starts (asked outside the browser,
    // whose own HTTP cache would answer a repeat visit with the first response's headers).
    for (const path of [SEED_PATH, '/']) {
      await (await fetch(`${origin}${path}`)).arrayBuffer()
      const again = await fetch(`${origin}${path}`)
      await again.arrayBuffer()
      expect(again.headers.get('x-cache'), path).toBe('HIT')
    }

    const { page, problems } = await open()
    await visit(page, `${origin}/admin`)
    expect(new URL(page.url()).pathname).toBe('/admin/login')
    await checkPage(page, problems)
    await page.fill('#token', inject('adminToken'))
    await follow(page, () => page.getByRole('button', { name: /Đăng nhập/ }).click())
    expect(new URL(page.url()).pathname).toBe('/admin')
    await checkPage(page, problems)
    await screenshot(page, 'admin-dashboard')

    // Moderation on a phone (375 px): each comment a card, approved from its own row.
    await page.setViewportSize({ width: 375, height: 812 })
    await visit(page, `${origin}/admin/comments`)
    const row = page.locator('tr', { hasText: marker })
    expect(await row.count()).toBe(1)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true)
    // "Chọn tất cả" ticks every row and clears them again.
    const all = page.getByRole('checkbox', { name: 'Chọn tất cả' })
    await all.check()
    const boxes = page.locator('input[name="ids"]')
    expect(await boxes.evaluateAll((b) => b.every((x) => (x as HTMLInputElement).checked))).toBe(
      true,
    )
    await all.uncheck()
    expect(await boxes.evaluateAll((b) => b.some((x) => (x as HTMLInputElement).checked))).toBe(
      false,
    )
    await checkPage(page, problems)
    await screenshot(page, 'admin-moderation')
    const approve = row.getByRole('button', { name: /^Duyệt bình luận/ })
    const box = await approve.boundingBox()
    expect(box!.height).toBeGreaterThanOrEqual(44)
    await follow(page, () => approve.click())
    expect(await page.locator('.notice').innerText()).toMatch(/^Đã duyệt/)
    await page.setViewportSize(DESKTOP)

    const title = `Thường Tín ra quân làm sạch đường làng ngõ xóm ${marker}`
    await visit(page, `${origin}/admin/articles/new`)
    await checkPage(page, problems)
    await page.fill('#f-title', title)
    await page.selectOption('#f-categoryId', { label: 'Tin tức - Sự kiện' })
    await page.fill('#f-lead', 'Sáng Chủ nhật, hàng nghìn người dân các xã đã cùng ra quân.')
    // The Markdown view of the editor, for those who write Markdown (journey 9 uses the editor).
    await page.getByRole('button', { name: 'Sửa Markdown trực tiếp' }).click()
    await page.fill(
      '#f-body',
      [
        '## Kết quả ra quân',
        '',
        'Hơn **2.000 người** tham gia tại 28 xã, thị trấn.',
        '',
        '- Thu gom rác thải',
        '- Phát quang bờ bụi',
        '',
        '[Xem kế hoạch](/bai-viet/thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020)',
      ].join('\n'),
    )
    await page.fill('#f-author', 'Minh Anh')
    await page.selectOption('#f-status', 'published')
    await follow(page, () => page.getByRole('button', { name: 'Tạo bài viết' }).click())
    expect(await page.locator('.notice').innerText()).not.toBe('')

    // A new reader, no cookies: the cached pages were purged, so both changes show.
    const reader = await open()
    await visit(reader.page, `${origin}/`)
    const link = reader.page.locator('main').getByRole('link', { name: title })
    expect(await link.count()).toBeGreaterThan(0)
    await checkPage(reader.page, reader.problems)
    await visit(reader.page, `${origin}${SEED_PATH}`)
    expect(await reader.page.locator('.comment-list').innerText()).toContain(marker)
    expect(await reader.page.locator('.comment-list').innerText()).toContain(
      'Nguyễn Thị Hồng Nhung',
    )
    // The phone number is for the editors only.
    expect(await reader.page.content()).not.toContain('0912 345 678')
    await visit(reader.page, `${origin}/`)
    await follow(reader.page, () => link.first().click())
    expect(await reader.page.locator('.article-body h2').innerText()).toBe('Kết quả ra quân')
    expect(await reader.page.locator('.article-body strong').innerText()).toBe('2.000 người')
    expect(await reader.page.locator('.article-body li').count()).toBe(2)
    await checkPage(reader.page, reader.problems)
  })

  it('4. search finds the seed article from words typed without marks', async () => {
    const { page, problems } = await open(PHONE)
    await visit(page, `${origin}/`)
    await page.fill('#tim-kiem', 'thuong tin doi ngoai')
    await follow(page, () => page.press('#tim-kiem', 'Enter'))
    expect(new URL(page.url()).pathname).toBe('/tim-kiem')
    const hit = page.locator('main').getByRole('link', { name: SEED_TITLE })
    expect(await hit.count()).toBeGreaterThan(0)
    await checkPage(page, problems)
    await screenshot(page, 'search-360')
  })

  it('5. a reader who starts typing before the security-code widget arrives still gets a code', async () => {
    const { page, problems } = await open(PHONE)
    // Hold the widget back until the reader has filled the form, as on a slow connection.
    let release = () => {}
    const held = new Promise<void>((r) => (release = r))
    await page.route('**/static/altcha.*.js', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${origin}${SEED_PATH}`)
    await page.fill('#cf-name', 'Trần Văn Bình')
    await page.fill('#cf-title', 'Góp ý')
    await page.fill('#cf-content', 'Tôi gõ trước khi mã xác nhận kịp tải về.')
    release()
    // No further focus: the widget must start on its own because the reader is in the form.
    await securityCodeSolved(page)
    await page.waitForLoadState('networkidle')
    expect(problems.console).toEqual([])
    expect(problems.failed).toEqual([])
  })

  it('6. an article view is reported once per browser session, cached page or not', async () => {
    const beaconsOf = (page: Page) => {
      const sent: string[] = []
      page.on('request', (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/luot-xem/'))
          sent.push(r.url())
      })
      return sent
    }
    const { page, problems } = await open()
    const sent = beaconsOf(page)
    await visit(page, `${origin}${SEED_PATH}`)
    await visit(page, `${origin}/`)
    await visit(page, `${origin}${SEED_PATH}`)
    expect(sent).toHaveLength(1)
    // With the token that makes the route count it (tests/routes/views.test.ts).
    expect(sent[0]).toMatch(/\/api\/luot-xem\/\d+\?k=[0-9a-f]{16}$/)
    expect(problems.failed).toEqual([])
    // Another browser session counts again.
    const other = await open()
    const otherSent = beaconsOf(other.page)
    await visit(other.page, `${origin}${SEED_PATH}`)
    expect(otherSent).toHaveLength(1)
  })

  it('7. a first visit on a phone keeps the stylesheet’s text size, loads no security code until the form is touched, and nothing shifts', async () => {
    for (const path of ['/', '/chuyen-muc/kinh-te', SEED_PATH]) {
      const { page } = await open({ width: 375, height: 812 })
      const captchaRequests: string[] = []
      page.on('request', (r) => {
        if (/\/api\/captcha|\/static\/altcha\./.test(r.url())) captchaRequests.push(r.url())
      })
      // Layout shifts from the first paint on, as Lighthouse counts them (CLS).
      await page.addInitScript(() => {
        ;(window as unknown as { shifts: number }).shifts = 0
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & {
            value: number
            hadRecentInput: boolean
          })[]) {
            if (!e.hadRecentInput) (window as unknown as { shifts: number }).shifts += e.value
          }
        }).observe({ type: 'layout-shift', buffered: true })
      })
      await visit(page, `${origin}${path}`)
      await page.waitForTimeout(500)
      const seen = await page.evaluate(() => ({
        rootSize: document.documentElement.style.fontSize,
        saved: localStorage.getItem('co-chu'),
        bodySize: getComputedStyle(document.body).fontSize,
        shifts: (window as unknown as { shifts: number }).shifts,
      }))
      expect(seen.rootSize, path).toBe('')
      expect(seen.saved, path).toBeNull()
      // The stylesheet's size (html 100 % of the browser's 16 px; body as site.css sets it).
      expect(seen.bodySize, path).toBe(BODY_FONT_SIZE)
      expect(seen.shifts, path).toBe(0)
      // Tap targets (WCAG 2.2): every control 24 px or more, the main ones 44 px.
      const small = await page.evaluate(() => {
        const out: string[] = []
        const check = (selector: string, min: number) => {
          for (const el of document.querySelectorAll<HTMLElement>(selector)) {
            const r = el.getBoundingClientRect()
            if (r.width === 0 && r.height === 0) continue
            if (r.height < min || r.width < Math.min(min, 24)) {
              out.push(
                `${selector} "${el.textContent?.trim().slice(0, 20)}" ${r.width}×${r.height}`,
              )
            }
          }
        }
        check('.site-nav a, .text-size button, .search-form button, .search-form input', 44)
        check('.pagination a, .comment-form .submit, .captcha-refresh', 44)
        check('.breadcrumb a, .share a, .share button, .comment-form .field input', 24)
        check('.comment-form textarea, .article-item-title a', 24)
        return out
      })
      expect(small, path).toEqual([])
      // Nothing scrolls sideways.
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        path,
      ).toBe(true)
      // The security code costs nothing until the reader comes to the comment form.
      expect(captchaRequests, path).toEqual([])
      if (path === SEED_PATH) {
        await page.locator('#cf-name').click()
        await securityCodeSolved(page)
        expect(captchaRequests.length).toBeGreaterThan(0)
        // The widget's checkbox too (22 px as the widget ships it).
        const box = await page.locator('altcha-widget input[type="checkbox"]').boundingBox()
        expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(24)
        const shifted = await page.evaluate(() => (window as unknown as { shifts: number }).shifts)
        expect(shifted).toBe(0)
      }
    }
  })

  it('8. an editor who reloads mid-edit gets the autosaved text back, and is warned before leaving', async () => {
    const { page, problems } = await open()
    await visit(page, `${origin}/admin/login`)
    await page.fill('#token', inject('adminToken'))
    await follow(page, () => page.getByRole('button', { name: /Đăng nhập/ }).click())
    await visit(page, `${origin}/admin/articles`)
    const edit = page.locator('tbody a').first()
    await follow(page, () => edit.click())
    const url = page.url()
    const typed = `Tóm tắt viết dở ${Date.now()}`
    await page.fill('#f-lead', typed)
    // And a sentence in the editor, which writes the body field the copy is taken from.
    const editor = page.getByRole('textbox', { name: 'Nội dung' })
    await editor.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Câu viết dở trong trình soạn thảo.')
    // Autosaved every 3 s, in this browser only.
    await page.waitForFunction(
      (t) => Object.keys(localStorage).some((k) => (localStorage.getItem(k) ?? '').includes(t)),
      typed,
      { timeout: 10_000 },
    )
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.type())
      void d.accept()
    })
    await page.reload()
    expect(dialogs).toEqual(['beforeunload'])
    expect(await page.inputValue('#f-lead')).not.toBe(typed)
    const notice = page.locator('.autosave-notice')
    expect(await notice.isVisible()).toBe(true)
    expect(await notice.innerText()).toContain('Có bản tự lưu lúc')
    await checkPage(page, problems)
    expect(await editor.innerText()).not.toContain('Câu viết dở')
    await page.getByRole('button', { name: 'Khôi phục bản tự lưu' }).click()
    expect(await page.inputValue('#f-lead')).toBe(typed)
    // The editor shows the restored body at once.
    expect(await editor.innerText()).toContain('Câu viết dở trong trình soạn thảo.')
    await follow(page, () => page.getByRole('button', { name: 'Lưu', exact: true }).click())
    expect(await page.locator('.notice').first().innerText()).toBe('Đã lưu.')
    // Saved: the copy is older than the article now, so it is not offered again.
    await visit(page, url)
    expect(await page.inputValue('#f-lead')).toBe(typed)
    expect(await page.locator('.autosave-notice').isVisible()).toBe(false)

    // The history shows the save; no admin page scrolls sideways at 375 px.
    const id = new URL(url).pathname.split('/').pop()
    await visit(page, `${origin}/admin/articles/${id}/revisions`)
    await checkPage(page, problems)
    await follow(page, () => page.locator('tbody a').first().click())
    expect(await page.locator('.diff ins').allInnerTexts()).toContain(typed.split(' ').pop())
    await checkPage(page, problems)
    await page.setViewportSize({ width: 375, height: 812 })
    for (const path of [
      '/admin',
      '/admin/articles',
      '/admin/articles/new',
      `/admin/articles/${id}`,
      `/admin/articles/${id}/revisions`,
      '/admin/comments',
      '/admin/categories',
      '/admin/media',
      '/admin/editors',
      '/admin/audit',
      '/admin/sessions',
    ]) {
      await visit(page, `${origin}${path}`)
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
        path,
      ).toBe(0)
    }
  })

  it('9. an editor writes with the rich-text editor: heading, table, a Word paste, a dropped image with caption and alt; readers get the figure and its copies; a revision is restored', async () => {
    const { page, problems } = await open()
    await visit(page, `${origin}/admin/login`)
    await page.fill('#token', inject('adminToken'))
    await follow(page, () => page.getByRole('button', { name: /Đăng nhập/ }).click())
    await visit(page, `${origin}/admin/articles/new`)
    // The editor replaces the Markdown field; the page still passes every check (axe included).
    const editor = page.getByRole('textbox', { name: 'Nội dung' })
    expect(await editor.isVisible()).toBe(true)
    expect(await page.locator('#f-body').isHidden()).toBe(true)
    await checkPage(page, problems)
    const title = `Thường Tín tổng kết phong trào ${marker}`
    await page.fill('#f-title', title)
    await page.selectOption('#f-categoryId', { label: 'Tin tức - Sự kiện' })
    await page.fill('#f-lead', 'Tổng kết năm với bảng số liệu và hình ảnh.')

    // A heading from the toolbar, a paragraph typed, a 3 × 3 table filled with Tab.
    await editor.click()
    await page.getByRole('button', { name: /Tiêu đề mục/ }).click()
    await editorFocused(page)
    await page.keyboard.type('Kết quả nổi bật')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Toàn huyện có 28 xã tham gia.')
    await page.keyboard.press('Enter')
    // The table's own buttons appear only in a table.
    expect(await page.getByRole('button', { name: 'Thêm hàng dưới' }).isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Chèn bảng 3 × 3' }).click()
    await editorFocused(page)
    const cells = ['Xã', 'Số hộ', 'Tỉ lệ', 'Hà Hồi', '1.250', '98%']
    for (const [i, cell] of cells.entries()) {
      // Each cell is typed only once the caret is in it and the editor has the focus: a space
      // typed while a toolbar button had the focus would press it (a "+ Cột" pressed twice
      // made a table of 5 header cells), and text typed before a Tab was handled would land
      // in the previous cell.
      await caretInCell(page, i)
      await page.keyboard.type(cell)
      await page.keyboard.press('Tab')
    }
    await caretInCell(page, cells.length)
    expect(await editor.locator('th').allInnerTexts()).toEqual(['Xã', 'Số hộ', 'Tỉ lệ'])
    expect(await editor.locator('tr').count()).toBe(3)
    expect(await page.getByRole('button', { name: 'Thêm hàng dưới' }).isVisible()).toBe(true)
    await page.keyboard.press('Control+End')

    // A Word fragment as Word puts it on the clipboard: classes, styles, its list paragraphs.
    await paste(
      editor,
      [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>',
        '<p class="MsoNormal"><b>Ghi nhận</b> của <i>Ban chỉ đạo</i><o:p></o:p></p>',
        '<p class="MsoListParagraphCxSpFirst" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span>&nbsp;&nbsp; </span></span>Làm sạch kênh mương</p>',
        '<p class="MsoListParagraphCxSpLast" style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span>&nbsp;&nbsp; </span></span>Trồng cây xanh</p>',
        '<p class="MsoNormal">Xem <a href="https://thuongtin.hanoi.gov.vn/" target="_blank">cổng huyện</a></p>',
        '</body></html>',
      ].join(''),
    )

    // Lines that look like Markdown stay text; a link with spaces, brackets and quotes stays whole.
    await page.keyboard.press('Enter')
    await paste(
      editor,
      '<p>1. Không phải danh sách</p><p>- PV: Ông đánh giá thế nào?</p>' +
        '<p><a href="https://so.gov.vn/Van ban/QD (1).pdf" title=\'Ông "Ba"\'>Quyết định</a></p>',
    )

    // An image dropped into the text is uploaded and put where it was dropped.
    const dropped = await page.evaluateHandle(
      (bytes) => {
        const data = new DataTransfer()
        data.items.add(new File([new Uint8Array(bytes)], 'ra quân.jpg', { type: 'image/jpeg' }))
        return data
      },
      [...JPEG_1600X900],
    )
    const box = (await editor.boundingBox())!
    const at = { clientX: box.x + 20, clientY: box.y + box.height - 10 }
    await editor.dispatchEvent('dragenter', { dataTransfer: dropped, ...at })
    await editor.dispatchEvent('dragover', { dataTransfer: dropped, ...at })
    await editor.dispatchEvent('drop', { dataTransfer: dropped, ...at })
    await page.waitForFunction(() =>
      document.querySelector('.editor-status')?.textContent?.startsWith('Đã tải ảnh'),
    )
    // Its description is asked for at once; the caption is typed under the image.
    const alt = page.getByRole('textbox', { name: /Mô tả ảnh đang chọn/ })
    expect(await alt.evaluate((el) => el === document.activeElement)).toBe(true)
    await alt.fill('Người dân ra quân làm sạch kênh mương')
    await page.locator('.editor-content figcaption').click()
    await page.keyboard.type('Ảnh: Minh Anh')
    await checkPage(page, problems)
    await screenshot(page, 'admin-editor')

    // Enter under the image starts the next paragraph.
    await page.locator('.editor-content figcaption').click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    // What a hostile clipboard could carry: nothing of it reaches the article, and nothing
    // runs. Chromium reports the pasted handler attributes when it parses them (the admin's
    // CSP refuses them: script-src-attr); those reports are the only messages.
    await paste(
      editor,
      [
        '<style>.editor-content{display:none}</style><script>window.__pwned=1</script>',
        '<p onclick="window.__pwned=2" style="background:url(javascript:alert(1))">Xem <a href="javascript:window.__pwned=3">chi tiết</a></p>',
        '<img src="x" onerror="window.__pwned=4"><iframe src="https://example.com"></iframe>',
        '<a href="java&#9;script:alert(1)">tab</a> <img src="data:image/png;base64,AAAA" alt="d">',
      ].join(''),
    )
    expect(await editor.isVisible()).toBe(true)
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(problems.console.every((m) => /inline event handler.*script-src/.test(m))).toBe(true)
    problems.console.length = 0
    expect(await page.locator('.editor-content figure').count()).toBe(1)

    const markdown = await page.inputValue('#f-body')
    expect(markdown).toContain('## Kết quả nổi bật')
    expect(markdown).toMatch(/\| Xã\s*\| Số hộ\s*\| Tỉ lệ\s*\|/)
    expect(markdown).toContain('**Ghi nhận**')
    expect(markdown).toMatch(/^- Làm sạch kênh mương$/m)
    expect(markdown).toContain('[cổng huyện](<https://thuongtin.hanoi.gov.vn/>)')
    expect(markdown).toMatch(/^1\\. Không phải danh sách$/m)
    expect(markdown).toMatch(
      /!\[Người dân ra quân làm sạch kênh mương\]\(<\/media\/anh\/[^>]+\.jpg> "Ảnh: Minh Anh"\)/,
    )
    expect(markdown).toContain('Xem chi tiết')
    for (const hostile of [
      'script',
      'onclick',
      'onerror',
      'javascript',
      'iframe',
      'style',
      'data:',
    ]) {
      expect(markdown, hostile).not.toContain(hostile)
    }

    // The cover is chosen the same way: from the library, where the dropped image now is.
    await page.getByRole('button', { name: /Chọn trong thư viện/ }).click()
    const picker = page.getByRole('dialog', { name: 'Chọn ảnh trong thư viện' })
    await picker
      .getByRole('button', { name: /ra quân\.jpg/ })
      .first()
      .waitFor()
    expect(await seriousA11yProblems(page), 'axe with the image picker open').toEqual([])
    await picker
      .getByRole('button', { name: /ra quân\.jpg/ })
      .first()
      .click()
    expect(await picker.isVisible()).toBe(false)
    expect(await page.inputValue('#f-coverImage')).toMatch(/^\/media\/anh\/.+\.jpg$/)
    await page.fill('#f-coverAlt', 'Người dân ra quân')

    await page.selectOption('#f-status', 'published')
    await follow(page, () => page.getByRole('button', { name: 'Tạo bài viết' }).click())
    expect(await page.locator('.notice').first().innerText()).not.toBe('')
    const editUrl = page.url()
    // The library shows the image, used by this article; the page passes every check.
    await visit(page, `${origin}/admin/media?q=${encodeURIComponent('ra quân')}`)
    expect(await page.locator('tbody tr').first().innerText()).toContain(title)
    await checkPage(page, problems)

    // A reader: the heading, the table, the pasted list, the figure with caption and copies.
    const reader = await open()
    await visit(reader.page, `${origin}/`)
    await follow(reader.page, () =>
      reader.page.locator('main').getByRole('link', { name: title }).first().click(),
    )
    const body = reader.page.locator('.article-body')
    expect(await body.locator('h2').first().innerText()).toBe('Kết quả nổi bật')
    expect(await body.locator('th').allInnerTexts()).toEqual(['Xã', 'Số hộ', 'Tỉ lệ'])
    expect(await body.locator('li').allInnerTexts()).toEqual([
      'Làm sạch kênh mương',
      'Trồng cây xanh',
    ])
    expect(await body.locator('ol').count()).toBe(0)
    expect(await body.innerText()).toContain('1. Không phải danh sách')
    const link = body.getByRole('link', { name: 'Quyết định' })
    expect(await link.getAttribute('href')).toBe('https://so.gov.vn/Van%20ban/QD%20(1).pdf')
    expect(await link.getAttribute('title')).toBe('Ông "Ba"')
    expect(await body.locator('figure figcaption').innerText()).toBe('Ảnh: Minh Anh')
    const img = body.locator('figure img')
    expect(await img.getAttribute('alt')).toBe('Người dân ra quân làm sạch kênh mương')
    expect([await img.getAttribute('width'), await img.getAttribute('height')]).toEqual([
      '1600',
      '900',
    ])
    const srcset = (await img.getAttribute('srcset')) ?? ''
    const candidates = srcset.split(',').map((c) => c.trim().split(/\s+/))
    expect(candidates.map(([, w]) => w)).toEqual(['320w', '640w', '960w', '1280w', '1600w'])
    // Every copy exists and is as wide as its descriptor says.
    const widths = await reader.page.evaluate(
      (urls) =>
        Promise.all(
          urls.map(
            (u) =>
              new Promise<number>((done) => {
                const i = new Image()
                i.onload = () => done(i.naturalWidth)
                i.onerror = () => done(-1)
                i.src = u
              }),
          ),
        ),
      candidates.map(([u]) => u!),
    )
    expect(widths).toEqual([320, 640, 960, 1280, 1600])
    const html = await body.innerHTML()
    for (const hostile of ['<script', 'onclick', 'onerror', 'javascript:', '<iframe', 'style=']) {
      expect(html, hostile).not.toContain(hostile)
    }
    await checkPage(reader.page, reader.problems)

    // An edit in the editor, then the first revision restored, its changes shown first.
    await visit(page, editUrl)
    // Opening the editor changes nothing by itself: no false "unsaved changes" on leaving.
    expect(
      await page
        .locator('#f-body')
        .evaluate((el: HTMLTextAreaElement) => el.value === el.defaultValue),
    ).toBe(true)
    await editor.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Sửa lần hai.')
    await follow(page, () => page.getByRole('button', { name: 'Lưu', exact: true }).click())
    const id = new URL(editUrl).pathname.split('/').pop()
    await visit(page, `${origin}/admin/articles/${id}/revisions`)
    await follow(page, () => page.locator('tbody a').first().click())
    // Only the body changed (the publish time, shown to the minute, is kept as it was).
    expect(await page.locator('.diff h2').allInnerTexts()).toEqual(['Nội dung'])
    expect((await page.locator('.diff ins').allInnerTexts()).join('')).toContain(' Sửa lần hai.')
    await visit(page, `${origin}/admin/articles/${id}/revisions`)
    await follow(page, () => page.locator('tbody a').last().click())
    await follow(page, () => page.getByRole('button', { name: 'Khôi phục phiên bản này' }).click())
    expect(await page.locator('.notice').first().innerText()).toMatch(/Đã khôi phục/)
    expect(await page.inputValue('#f-body')).not.toContain('Sửa lần hai')
    expect(await editor.innerText()).not.toContain('Sửa lần hai')
    await visit(reader.page, reader.page.url())
    expect(await body.innerText()).not.toContain('Sửa lần hai')
  })

  it('10. an editor sets the agency’s details and features a story; a new reader sees both on the home page at 375 and 1280 px', async () => {
    const { page, problems } = await open()
    await visit(page, `${origin}/admin/login`)
    await page.fill('#token', inject('adminToken'))
    await follow(page, () => page.getByRole('button', { name: /Đăng nhập/ }).click())
    await visit(page, `${origin}/admin/settings`)
    await checkPage(page, problems)
    const address = `Số 1 phố Lý Tử Tấn, thị trấn Thường Tín ${marker}`
    await page.fill('#f-address', address)
    await page.fill('#f-phone', '024 3385 3225')
    await page.fill('#f-email', 'ubnd@thuongtin.hanoi.gov.vn')
    await page.fill('#f-contactName', 'Trần Thị Bình')
    await page.fill('#f-contactTitle', 'Chuyên viên Văn phòng')
    await follow(page, () => page.getByRole('button', { name: 'Lưu cài đặt' }).click())
    expect(await page.locator('.notice').first().innerText()).toBe('Đã lưu.')

    // The story editors feature: the newest published one, leading in place of the sample's.
    await visit(page, `${origin}/admin/home`)
    await checkPage(page, problems)
    const add = page.locator('select[name="add"]')
    const title = (await add.locator('option').nth(1).innerText()).trim()
    await add.selectOption({ index: 1 })
    await page.getByRole('checkbox', { name: /^Bỏ / }).first().check()
    await follow(page, () => page.getByRole('button', { name: 'Lưu tin nổi bật' }).click())
    expect(await page.locator('.notice').first().innerText()).toBe('Đã lưu.')

    for (const viewport of [{ width: 375, height: 812 }, DESKTOP]) {
      const reader = await open(viewport)
      await visit(reader.page, `${origin}/`)
      const lead = reader.page.locator('.lead-story-title')
      expect(await lead.innerText()).toBe(title)
      // The first headline is above the fold.
      const box = (await lead.boundingBox())!
      expect(box.y + box.height, `lead headline at ${viewport.width} px`).toBeLessThanOrEqual(
        viewport.height,
      )
      const footer = reader.page.locator('.site-footer')
      expect(await footer.innerText()).toContain(address)
      expect(await footer.getByRole('link', { name: '024 3385 3225' }).getAttribute('href')).toBe(
        'tel:+842433853225',
      )
      const categories = reader.page.locator('.site-nav').getByRole('link', { name: 'Kinh tế' })
      if (viewport.width < 768) {
        // On a phone the categories are behind the menu button.
        expect(await categories.isVisible()).toBe(false)
        await screenshot(reader.page, 'home-375')
        await reader.page.locator('.nav-menu > summary').click()
        expect(await categories.isVisible()).toBe(true)
      } else {
        expect(await reader.page.locator('.nav-menu > summary').isVisible()).toBe(false)
        expect(await categories.isVisible()).toBe(true)
        await screenshot(reader.page, 'home')
      }
      await checkPage(reader.page, reader.problems)
    }
  })
})
