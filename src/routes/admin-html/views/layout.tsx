import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Principal } from '../../../admin/permissions'
import { can } from '../../../admin/permissions'
import { ASSET_PATHS } from '../../../generated/assets'

export type AdminLayoutProps = {
  title: string
  siteName: string
  principal?: Principal
  csrf?: string
  /** A flash message shown at the top (e.g. "Đã lưu"). */
  notice?: string
  error?: string
  /** Extra browser files this page needs (names in ASSET_PATHS), e.g. the article editor. */
  scripts?: (keyof typeof ASSET_PATHS)[]
  children: Child
}

const ROLE_NAMES = { admin: 'Quản trị', editor: 'Biên tập', writer: 'Phóng viên' } as const

/** The hidden field every admin form sends back (CSRF protection). */
export function CsrfField(props: { token?: string }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />
}

/**
 * A list table that scrolls sideways inside its own box on narrow screens, so the page itself
 * never does. The box is focusable, so keyboard users can scroll it too.
 */
export function ListTable(props: { label: string; children: Child }) {
  return (
    <div class="table-scroll" role="region" aria-label={props.label} tabindex={0}>
      <table class="list">{props.children}</table>
    </div>
  )
}

/** The admin shell: navigation by permission, who is signed in, and logout. */
export function AdminLayout(props: AdminLayoutProps) {
  const p = props.principal
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${props.title} - Quản trị - ${props.siteName}`}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href={ASSET_PATHS['admin.css']} />
          <script type="module" src={ASSET_PATHS['admin.js']} />
          {(props.scripts ?? []).map((name) => (
            <script type="module" src={ASSET_PATHS[name]} />
          ))}
        </head>
        <body>
          <header class="admin-header">
            <a href="/admin" class="brand">
              Quản trị · {props.siteName}
            </a>
            {p ? (
              <nav aria-label="Quản trị">
                <a href="/admin/articles">Bài viết</a>
                {can(p.role, 'comments.moderate') ? <a href="/admin/comments">Bình luận</a> : null}
                {can(p.role, 'categories.write') ? (
                  <a href="/admin/categories">Chuyên mục</a>
                ) : null}
                <a href="/admin/media">Ảnh</a>
                {can(p.role, 'home.edit') ? <a href="/admin/home">Trang chủ</a> : null}
                {can(p.role, 'editors.manage') ? <a href="/admin/editors">Biên tập viên</a> : null}
                {can(p.role, 'audit.read') ? <a href="/admin/audit">Nhật ký</a> : null}
                {can(p.role, 'audit.read') ? <a href="/admin/nhap-du-lieu">Nhập dữ liệu</a> : null}
                {can(p.role, 'settings.manage') ? <a href="/admin/settings">Cài đặt</a> : null}
                <a href="/">Xem trang</a>
              </nav>
            ) : null}
            {p ? (
              <form method="post" action="/admin/logout" class="logout">
                <CsrfField token={props.csrf} />
                <a href="/admin/sessions" title="Phiên đăng nhập của bạn">
                  {p.name} ({ROLE_NAMES[p.role]})
                </a>{' '}
                <button type="submit">Đăng xuất</button>
              </form>
            ) : null}
          </header>
          <main class="admin-main">
            <h1>{props.title}</h1>
            {props.notice ? (
              <p class="notice" role="status">
                {props.notice}
              </p>
            ) : null}
            {props.error ? (
              <p class="form-error" role="alert">
                {props.error}
              </p>
            ) : null}
            {props.children}
          </main>
        </body>
      </html>
    </>
  )
}
