import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { CategorySummary } from '../db/categories'

export type LayoutProps = {
  siteName: string
  categories: CategorySummary[]
  /** The page's own title; the site name is added after it. */
  title?: string
  description?: string
  /** Slug of the category to mark as current in the navigation. */
  activeCategory?: string
  children: Child
}

/** The shell every reader page shares: header with the site name, category navigation, footer. */
export function Layout(props: LayoutProps) {
  const fullTitle = props.title ? `${props.title} - ${props.siteName}` : props.siteName
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="vi">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          {props.description ? <meta name="description" content={props.description} /> : null}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/static/site.css" />
        </head>
        <body>
          <a class="skip-link" href="#noi-dung">
            Bỏ qua điều hướng
          </a>
          <header class="site-header">
            <div class="wrap">
              <a class="site-name" href="/">
                {props.siteName}
              </a>
            </div>
          </header>
          <nav class="site-nav" aria-label="Chuyên mục">
            <ul class="wrap">
              <li>
                <a
                  href="/"
                  aria-current={
                    props.activeCategory === undefined && !props.title ? 'page' : undefined
                  }
                >
                  Trang chủ
                </a>
              </li>
              {props.categories.map((c) => (
                <li>
                  <a
                    href={`/chuyen-muc/${c.slug}`}
                    aria-current={props.activeCategory === c.slug ? 'page' : undefined}
                  >
                    {c.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="noi-dung" class="wrap">
            {props.children}
          </main>
          <footer class="site-footer">
            <div class="wrap">
              <p>{props.siteName}</p>
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}
