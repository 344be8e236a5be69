import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { CategorySummary } from '../db/categories'
import type { PortalSettings } from '../db/settings'
import { ASSET_PATHS } from '../generated/assets'
import { SiteFooter } from './components/site-footer'

export type LayoutProps = {
  siteName: string
  categories: CategorySummary[]
  /** The portal's details (header logo, footer); without them, the footer shows the name only. */
  site?: PortalSettings
  /** The page's own title; the site name is added after it. */
  title?: string
  description?: string
  /** Slug of the category to mark as current in the navigation. */
  activeCategory?: string
  /** Absolute URL of this page, for search engines and sharing. */
  canonical?: string
  /** Open Graph / Twitter card details beyond title and description. */
  social?: {
    type: 'website' | 'article'
    image?: string
    publishedAt?: string
    modifiedAt?: string
  }
  /** Structured data (JSON-LD) describing the page. */
  jsonLd?: Record<string, unknown>
  /** An RSS feed for this page's list, besides the site-wide one. */
  feed?: { title: string; href: string }
  /** The search box's current text. */
  query?: string
  children: Child
}

/** JSON for a <script> element: `<` escaped so no text can close the element early. */
function scriptJson(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c')
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
          {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
          <meta property="og:site_name" content={props.siteName} />
          <meta property="og:locale" content="vi_VN" />
          <meta property="og:type" content={props.social?.type ?? 'website'} />
          <meta property="og:title" content={props.title ?? props.siteName} />
          {props.description ? (
            <meta property="og:description" content={props.description} />
          ) : null}
          {props.canonical ? <meta property="og:url" content={props.canonical} /> : null}
          {props.social?.image ? <meta property="og:image" content={props.social.image} /> : null}
          {props.social?.publishedAt ? (
            <meta property="article:published_time" content={props.social.publishedAt} />
          ) : null}
          {props.social?.modifiedAt ? (
            <meta property="article:modified_time" content={props.social.modifiedAt} />
          ) : null}
          <meta
            name="twitter:card"
            content={props.social?.image ? 'summary_large_image' : 'summary'}
          />
          <meta name="twitter:title" content={props.title ?? props.siteName} />
          {props.description ? (
            <meta name="twitter:description" content={props.description} />
          ) : null}
          {props.social?.image ? <meta name="twitter:image" content={props.social.image} /> : null}
          <link rel="alternate" type="application/rss+xml" title={props.siteName} href="/rss.xml" />
          {props.feed ? (
            <link
              rel="alternate"
              type="application/rss+xml"
              title={props.feed.title}
              href={props.feed.href}
            />
          ) : null}
          {props.jsonLd ? (
            <script type="application/ld+json">{raw(scriptJson(props.jsonLd))}</script>
          ) : null}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href={ASSET_PATHS['site.css']} />
          <script type="module" src={ASSET_PATHS['reader.js']}></script>
        </head>
        <body>
          <a class="skip-link" href="#noi-dung">
            Bỏ qua điều hướng
          </a>
          <header class="site-header">
            <div class="wrap">
              <a class="site-name" href="/">
                {props.site?.logo ? (
                  // The emblem beside the name, which already says what it is.
                  <img class="site-logo" src={props.site.logo} alt="" width={48} height={48} />
                ) : null}
                <span>{props.siteName}</span>
              </a>
              <form class="search-form" role="search" method="get" action="/tim-kiem">
                <label for="tim-kiem" class="visually-hidden">
                  Tìm kiếm
                </label>
                <input
                  id="tim-kiem"
                  name="q"
                  type="search"
                  maxlength={200}
                  value={props.query ?? ''}
                  placeholder="Tìm bài viết…"
                />
                <button type="submit">Tìm</button>
              </form>
              <div class="text-size" role="group" aria-label="Cỡ chữ">
                <button type="button" data-font-step="-1" title="Giảm cỡ chữ">
                  A−<span class="visually-hidden"> (giảm cỡ chữ)</span>
                </button>
                <button type="button" data-font-step="1" title="Tăng cỡ chữ">
                  A+<span class="visually-hidden"> (tăng cỡ chữ)</span>
                </button>
              </div>
            </div>
          </header>
          <nav class="site-nav" aria-label="Chuyên mục">
            {/* On a phone the categories fold behind this button; on wider screens site.css
                shows them always (::details-content) and hides the button. No script needed. */}
            <details class="nav-menu">
              <summary class="wrap">Chuyên mục</summary>
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
            </details>
          </nav>
          <main id="noi-dung" class="wrap">
            {props.children}
          </main>
          <SiteFooter siteName={props.siteName} site={props.site} />
        </body>
      </html>
    </>
  )
}
