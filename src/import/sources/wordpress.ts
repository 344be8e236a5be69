/**
 * Reads a WordPress export (WXR 1.2, Tools → Export → All content, as wp-admin/includes/export.php
 * of WordPress 6 writes it) into an ImportBundle. Only reads; src/import/run.ts maps the records.
 */
import { uploadPathFor } from './upload-paths'
import { legacyKey } from '../../lib/legacy-path'
import { parseSourceTime } from '../time'
import type {
  ImportArticle,
  ImportBundle,
  ImportCategory,
  ImportComment,
  ImportImage,
  SkippedRecord,
} from '../types'
import {
  attr,
  decodeEntities,
  htmlToText,
  distinct,
  isCdata,
  assertWholeXml,
  isHttpUrl,
  list,
  obj,
  parseXml,
  text,
} from './xml'

/** Elements WordPress repeats (read as arrays even when there is one). */
const REPEATED = [
  'item',
  'wp:author',
  'wp:category',
  'wp:tag',
  'wp:term',
  'category',
  'wp:postmeta',
  'wp:comment',
  'wp:commentmeta',
  'wp:termmeta',
]

/** What `wp:post_date_gmt` holds for drafts and for posts saved without one. */
const ZERO_DATE = /^0000-00-00/

/** Attachment files that are images (WXR carries no MIME type, so by the file's extension). */
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|bmp|svg|tiff?|heic)$/i

type Item = Record<string, unknown>

/**
 * A post title as text. Since WordPress 5.7 (`the_title_export`) the title is the stored one in
 * CDATA: HTML as WordPress shows it, so tags are dropped and entities (`&amp;`, `&#8217;`,
 * `&lt;script&gt;`) decoded once, leaving text. Before, `the_title_rss` wrote it escaped and
 * without tags, so the XML parser's decoding already gave the text.
 */
function titleOf(node: unknown): string {
  const title = text(node)
  if (!isCdata(node)) return title
  return htmlToText(title)
}

/** A term or person name: WordPress stores `&` in term names as `&amp;`. */
const nameOf = (node: unknown) => decodeEntities(text(node)).normalize('NFC')

/** Percent-decoded (WordPress stores non-ASCII slugs encoded) and NFC; as written if broken. */
function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug).normalize('NFC')
  } catch {
    return slug
  }
}

/** The `wp:postmeta` (or `wp:commentmeta`) values of a record by key. */
function metaOf(record: Item, tag: string): Map<string, string> {
  const meta = new Map<string, string>()
  for (const m of list(record[tag])) {
    const key = text(obj(m)?.['wp:meta_key'])
    if (key && !meta.has(key)) meta.set(key, text(obj(m)?.['wp:meta_value']))
  }
  return meta
}

/**
 * A WordPress time: the GMT column (UTC) when it is set, else the local column, read as
 * Vietnamese time by parseSourceTime. Output: the instant (null when neither parses) and the
 * text that was read, for the report.
 */
function wpTime(local: string, gmt: string): { at: Date | null; raw: string } {
  if (gmt && !ZERO_DATE.test(gmt)) {
    const at = parseSourceTime(`${gmt.replace(' ', 'T')}Z`)
    if (at) return { at, raw: gmt }
  }
  return { at: parseSourceTime(local), raw: local || gmt }
}

/** Article status from `wp:status`: publish/future are published, trash is null (skipped). */
function articleStatus(status: string): ImportArticle['status'] | null {
  if (status === 'trash') return null
  return status === 'publish' || status === 'future' ? 'published' : 'draft'
}

/** Comment status from `wp:comment_approved` (1, 0, spam, trash, post-trashed). */
function commentStatus(approved: string): ImportComment['status'] {
  if (approved === '1' || approved === 'approve') return 'approved'
  return approved === '0' || approved === '' ? 'pending' : 'rejected'
}

/** Categories from `wp:category`, in file order, with `?cat=` and `/category/…` addresses. */
function readCategories(channel: Item): ImportCategory[] {
  const raw = list(channel['wp:category']).map((node) => {
    const c = obj(node) ?? {}
    return {
      id: text(c['wp:term_id']),
      nicename: text(c['wp:category_nicename']),
      parent: text(c['wp:category_parent']),
      name: nameOf(c['wp:cat_name']),
    }
  })
  const byNicename = new Map(raw.map((c) => [c.nicename, c]))
  return raw
    .filter((c) => c.nicename !== '')
    .map((c, i) => {
      const chain: string[] = [c.nicename]
      for (let p = byNicename.get(c.parent); p && !chain.includes(p.nicename);) {
        chain.unshift(p.nicename)
        p = byNicename.get(p.parent)
      }
      return {
        sourceId: c.nicename,
        name: c.name || decodeSlug(c.nicename),
        alias: decodeSlug(c.nicename),
        parentId: byNicename.has(c.parent) ? c.parent : null,
        position: i + 1,
        oldPaths: distinct([
          c.id ? legacyKey(`/?cat=${c.id}`) : null,
          legacyKey(`/category/${c.nicename}`),
          legacyKey(`/category/${chain.join('/')}`),
        ]),
      }
    })
}

/** The image a post's `_thumbnail_id` names, from its attachment item; null when none. */
function coverOf(meta: Map<string, string>, attachments: Map<string, Item>): ImportImage | null {
  const attachment = attachments.get(meta.get('_thumbnail_id') ?? '')
  const src = attachment ? text(attachment['wp:attachment_url']) : ''
  if (!attachment || !src) return null
  return { src, alt: metaOf(attachment, 'wp:postmeta').get('_wp_attachment_image_alt') ?? '' }
}

/**
 * Whether a guid may be taken as an old address of post `id`: an http(s) URL that names no
 * other post. A guid is fixed when a post is first made, so one copied or re-imported between
 * sites says `?p=` (or `?page_id=`) of another id (13 posts of one real export), and would
 * send that post's readers here.
 */
function guidIsAddressOf(guid: string, id: string): boolean {
  if (!isHttpUrl(guid) || !URL.canParse(guid)) return false
  const query = new URL(guid).searchParams
  return [query.get('p'), query.get('page_id')].every((named) => named === null || named === id)
}

/** A post's old addresses: `/?p=<id>`, its permalink, its guid when that is its own address. */
function postPaths(id: string, item: Item): string[] {
  const guid = text(item['guid'])
  return distinct([
    legacyKey(`/?p=${id}`),
    text(item['link']) ? legacyKey(text(item['link'])) : null,
    guidIsAddressOf(guid, id) ? legacyKey(guid) : null,
  ])
}

/** Comments of an imported post; pingbacks and trackbacks are reported as skipped. */
function readComments(item: Item, articleId: string, skipped: SkippedRecord[]): ImportComment[] {
  const comments: ImportComment[] = []
  for (const node of list(item['wp:comment'])) {
    const c = obj(node) ?? {}
    const sourceId = text(c['wp:comment_id'])
    const type = text(c['wp:comment_type'])
    if (type === 'pingback' || type === 'trackback') {
      skipped.push({ kind: 'comment', sourceId, reason: type })
      continue
    }
    const time = wpTime(text(c['wp:comment_date']), text(c['wp:comment_date_gmt']))
    comments.push({
      sourceId,
      articleId,
      name: text(c['wp:comment_author']),
      email: text(c['wp:comment_author_email']),
      phone: '',
      title: '',
      content: text(c['wp:comment_content']),
      status: commentStatus(text(c['wp:comment_approved'])),
      createdAt: time.at,
      rawDate: time.raw,
    })
  }
  return comments
}

/** Comments of a post that is not imported, reported so none is dropped silently. */
function skipComments(item: Item, reason: string, skipped: SkippedRecord[]) {
  for (const node of list(item['wp:comment'])) {
    skipped.push({ kind: 'comment', sourceId: text(obj(node)?.['wp:comment_id']), reason })
  }
}

/**
 * Parses a WordPress WXR 1.2 export. Input: the file's text. Output: the ImportBundle: categories
 * (file order; parent by nicename), posts as articles (times: `post_date_gmt` as UTC, else
 * `post_date` as Vietnamese time; the login mapped to the display name; the featured image via
 * `_thumbnail_id`; non-image attachments), their comments; pages, trashed posts and pingbacks in
 * `skipped`; attachments, menus and other post types are read for covers or ignored.
 * Errors: throws when the text is not XML, is not an RSS/WXR document, is cut short (no closing
 * `</rss>`), or carries DOCTYPE entities past the parser's limits (see parseXml).
 */
export function parseWordPress(xml: string): ImportBundle {
  assertWholeXml(xml, ['rss'], 'WordPress export', 'Not a WordPress export: no <rss><channel>')
  const channel = obj(obj(parseXml(xml, { arrays: REPEATED, keepCdata: true })['rss'])?.['channel'])
  if (!channel) throw new Error('Not a WordPress export: no <rss><channel>')

  const authors = new Map<string, string>()
  for (const node of list(channel['wp:author'])) {
    const a = obj(node) ?? {}
    const login = text(a['wp:author_login'])
    if (login) authors.set(login, nameOf(a['wp:author_display_name']) || login)
  }
  const tagNames = new Map<string, string>()
  for (const node of list(channel['wp:tag'])) {
    const t = obj(node) ?? {}
    tagNames.set(text(t['wp:tag_slug']), nameOf(t['wp:tag_name']))
  }
  const categories = readCategories(channel)
  const categoryIds = new Set(categories.map((c) => c.sourceId))

  const items = list(channel['item']).map((node) => obj(node) ?? {})
  const attachments = new Map<string, Item>()
  for (const item of items) {
    if (text(item['wp:post_type']) === 'attachment') attachments.set(text(item['wp:post_id']), item)
  }

  const articles: ImportArticle[] = []
  const comments: ImportComment[] = []
  const skipped: SkippedRecord[] = []
  for (const item of items) {
    const id = text(item['wp:post_id'])
    const type = text(item['wp:post_type'])
    if (type === 'page') {
      skipped.push({ kind: 'article', sourceId: id, reason: 'page (not an article)' })
      skipComments(item, 'page (not an article)', skipped)
      continue
    }
    if (type !== 'post') continue
    const wpStatus = articleStatus(text(item['wp:status']))
    if (!wpStatus) {
      skipped.push({ kind: 'article', sourceId: id, reason: 'trashed' })
      skipComments(item, 'trashed', skipped)
      continue
    }
    // A password-protected post was for those who had the password: a draft here, for an
    // editor to decide, never published to everyone.
    const status = text(item['wp:post_password']) !== '' ? 'draft' : wpStatus
    const meta = metaOf(item, 'wp:postmeta')
    const views = Number.parseInt(meta.get('views') ?? meta.get('post_views_count') ?? '', 10)
    const terms = list(item['category']).map((c) => ({
      domain: attr(c, 'domain'),
      nicename: attr(c, 'nicename'),
      name: nameOf(c),
    }))
    const category = terms.find((t) => t.domain === 'category')
    const login = text(item['dc:creator'])
    const time = wpTime(text(item['wp:post_date']), text(item['wp:post_date_gmt']))
    articles.push({
      sourceId: id,
      title: titleOf(item['title']),
      alias: decodeSlug(text(item['wp:post_name'])),
      leadHtml: text(item['excerpt:encoded']),
      bodyHtml: text(item['content:encoded']),
      author: authors.get(login) ?? login,
      source: '',
      publishedAt: time.at,
      rawDate: time.raw,
      status,
      views: Number.isFinite(views) && views > 0 ? views : 0,
      categoryId: category && categoryIds.has(category.nicename) ? category.nicename : null,
      tags: distinct(
        terms
          .filter((t) => t.domain === 'post_tag')
          .map((t) => tagNames.get(t.nicename) || t.name || null),
      ),
      cover: coverOf(meta, attachments),
      attachments: [...attachments.values()]
        .filter((a) => text(a['wp:post_parent']) === id)
        .map((a) => text(a['wp:attachment_url']))
        .filter((src) => src !== '' && !IMAGE_FILE.test(src.split(/[?#]/)[0] ?? '')),
      commentsEnabled: text(item['wp:comment_status']) === 'open',
      oldPaths: postPaths(id, item),
    })
    comments.push(...readComments(item, id, skipped))
  }

  const site = text(channel['wp:base_site_url']) || text(channel['link'])
  return {
    source: {
      kind: 'wordpress',
      name: `wordpress:${site}`,
      uploadPath: uploadPathFor('wordpress'),
    },
    categories,
    articles,
    comments,
    skipped,
  }
}
