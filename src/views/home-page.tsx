import type { ArticleSummary } from '../db/articles'
import type { HomePageData } from '../db/home'
import { srcsetFor } from '../media/image-variants'
import { mediaKeyOf } from '../media/media-key'
import { formatVnDateTime, toVnIsoString } from '../lib/time'
import { ArticleList } from './components/article-list'
import { LinkList } from './components/site-footer'
import { Layout } from './layout'

/** The lead story's picture box (16:9), CSS pixels. */
const LEAD = { width: 640, height: 360 }
/** A block's first story's picture box (16:9). */
const BLOCK_THUMB = { width: 320, height: 180 }

/** A story's cover cropped to a 16:9 box of `box` pixels (its WebP copies offered), or nothing. */
function Cover(props: {
  a: ArticleSummary
  box: { width: number; height: number }
  sizes: string
  eager?: boolean
}) {
  const { a } = props
  if (!a.coverImage) return null
  const key = mediaKeyOf(a.coverImage)
  return (
    <img
      class="story-cover"
      src={a.coverImage}
      srcset={(key && a.coverWidth && srcsetFor(key, a.coverWidth)) || undefined}
      sizes={props.sizes}
      // Decorative: the linked title beside it says what the story is.
      alt=""
      width={props.box.width}
      height={props.box.height}
      loading={props.eager ? undefined : 'lazy'}
      fetchpriority={props.eager ? 'high' : undefined}
      decoding="async"
    />
  )
}

function When(props: { a: ArticleSummary }) {
  return props.a.publishedAt ? (
    <time class="meta" datetime={toVnIsoString(props.a.publishedAt)}>
      {formatVnDateTime(props.a.publishedAt)}
    </time>
  ) : null
}

/**
 * The front page: "Tin nổi bật" (the lead story with a large picture and a few more, chosen
 * and ordered by editors), the newest stories, a block per category editors chose (its newest
 * stories, the first with its picture), and a sidebar with "Đọc nhiều" and the portal's links.
 */
export function HomePage(props: HomePageData & { origin: string }) {
  const [lead, ...more] = props.featured
  const site = props.settings
  return (
    <Layout
      siteName={site.name}
      site={site}
      categories={props.categories}
      canonical={`${props.origin}/`}
      description={`Tin tức, sự kiện mới nhất - ${site.name}`}
    >
      <h1 class="visually-hidden">{site.name}</h1>
      {lead ? (
        <section class="featured" aria-labelledby="tin-noi-bat">
          <h2 id="tin-noi-bat" class="section-title">
            Tin nổi bật
          </h2>
          <article class="lead-story">
            <a href={`/bai-viet/${lead.slug}`} tabindex={-1} aria-hidden="true">
              <Cover
                a={lead}
                box={LEAD}
                sizes="(min-width: 64rem) 40rem, calc(100vw - 2rem)"
                eager
              />
            </a>
            <h3 class="lead-story-title">
              <a href={`/bai-viet/${lead.slug}`}>{lead.title}</a>
            </h3>
            <When a={lead} />
            <p>{lead.lead}</p>
          </article>
          {more.length > 0 ? (
            <ul class="featured-more">
              {more.map((a) => (
                <li>
                  <a href={`/bai-viet/${a.slug}`}>{a.title}</a> <When a={a} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : (
        <p class="empty">Chưa có bài viết nào.</p>
      )}
      <div class="home-grid">
        <div class="home-main">
          {props.newest.length > 0 ? (
            <section aria-labelledby="tin-moi">
              <h2 id="tin-moi" class="section-title">
                Tin mới nhất
              </h2>
              <ArticleList articles={props.newest} headingLevel={3} />
              <p class="more">
                <a href="/tin-moi">Xem thêm tin mới</a>
              </p>
            </section>
          ) : null}
          {props.blocks.map(({ category, articles }) => {
            const [first, ...rest] = articles
            return (
              <section class="category-block" aria-labelledby={`khoi-${category.slug}`}>
                <h2 id={`khoi-${category.slug}`} class="section-title">
                  <a href={`/chuyen-muc/${category.slug}`}>{category.name}</a>
                </h2>
                <div class="block-first">
                  <Cover
                    a={first!}
                    box={BLOCK_THUMB}
                    sizes="(min-width: 48rem) 320px, calc(100vw - 2rem)"
                  />
                  <h3>
                    <a href={`/bai-viet/${first!.slug}`}>{first!.title}</a>
                  </h3>
                  <When a={first!} />
                </div>
                {rest.length > 0 ? (
                  <ul class="block-rest">
                    {rest.map((a) => (
                      <li>
                        <a href={`/bai-viet/${a.slug}`}>{a.title}</a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </section>
            )
          })}
        </div>
        <aside class="home-aside" aria-label="Thông tin thêm">
          {props.mostRead.length > 0 ? (
            <section class="most-read" aria-labelledby="doc-nhieu">
              <h2 id="doc-nhieu" class="section-title">
                Đọc nhiều
              </h2>
              <ol>
                {props.mostRead.map((a) => (
                  <li>
                    <a href={`/bai-viet/${a.slug}`}>{a.title}</a>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          {site.links.length > 0 ? (
            <section aria-labelledby="lien-ket">
              <h2 id="lien-ket" class="section-title">
                Liên kết website
              </h2>
              <LinkList class="site-links" links={site.links} />
            </section>
          ) : null}
        </aside>
      </div>
    </Layout>
  )
}
