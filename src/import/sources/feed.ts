/**
 * Reads an RSS 2.0 or Atom 1.0 (RFC 4287) feed into an ImportBundle: the last resort when a site's
 * database cannot be had. Feeds carry only recent, published items, no comments and rarely stable
 * ids, so ids fall back from guid/id to the link to a hash of title and date.
 */
import { uploadPathFor } from './upload-paths'
import { legacyKey } from '../../lib/legacy-path'
import { slugify } from '../../lib/slug'
import { ARTICLE_LIMITS } from '../../admin/article-input'
import { textLength } from '../../lib/text'
import { parseSourceTime } from '../time'
import type {
  ImportArticle,
  ImportBundle,
  ImportCategory,
  ImportImage,
  SkippedRecord,
} from '../types'
import {
  attr,
  distinct,
  escapeHtml,
  htmlToText,
  assertWholeXml,
  isHttpUrl,
  list,
  obj,
  parseXml,
  rawToText,
  stableHash,
  text,
} from './xml'

const REPEATED = [
  'item',
  'entry',
  'category',
  'link',
  'atom:link',
  'enclosure',
  'media:content',
  'media:thumbnail',
  'author',
]

/** Atom text constructs whose markup (type="xhtml") must reach us unparsed. */
const ATOM_STOP_NODES = ['feed.entry.title', 'feed.entry.summary', 'feed.entry.content']

type Node = Record<string, unknown>

/** One item as both formats reduce to it before it becomes an article. */
type FeedItem = {
  id: string
  link: string
  title: string
  lead: string
  body: string
  date: string
  author: string
  categories: string[]
  cover: ImportImage | null
  attachments: string[]
}

const isImage = (type: string, url: string) =>
  type.startsWith('image/') || (!type && /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i.test(url))

/** The cover from `media:content` (image) or `media:thumbnail`; null when none. */
function mediaCover(item: Node): ImportImage | null {
  for (const m of list(item['media:content'])) {
    const url = attr(m, 'url')
    if (url && (attr(m, 'medium') === 'image' || isImage(attr(m, 'type'), url))) {
      return { src: url, alt: text(obj(m)?.['media:description']) }
    }
  }
  const thumb = attr(item['media:thumbnail'], 'url')
  return thumb ? { src: thumb, alt: '' } : null
}

/** `author` in RSS is an e-mail, often `mail@site.vn (Name)`: the name when it has one. */
function rssAuthor(item: Node): string {
  const creator = text(item['dc:creator'])
  if (creator) return creator
  const author = text(item['author'])
  return /\(([^)]+)\)\s*$/.exec(author)?.[1]?.trim() ?? author
}

/**
 * A description (RSS) or summary (Atom) with no full content beside it: the lead when it reads
 * as one (at most a lead's 1,000 characters of text, no image, one paragraph at most), as news
 * sites' feeds carry a summary there; else the body, as blogs often carry the whole post.
 */
function aloneDescription(html: string): { lead: string; body: string } {
  const blocks = html.match(/<(p|div|li|h[1-6]|table|blockquote|figure)\b/gi)?.length ?? 0
  const isLead =
    textLength(htmlToText(html)) <= ARTICLE_LIMITS.lead && !/<img\b/i.test(html) && blocks <= 1
  return isLead ? { lead: html, body: '' } : { lead: '', body: html }
}

/** RSS 2.0 `channel/item`s as FeedItems. */
function rssItems(channel: Node): FeedItem[] {
  return list(channel['item']).map((node) => {
    const item = obj(node) ?? {}
    const description = text(item['description'])
    const encoded = text(item['content:encoded'])
    const enclosures = list(item['enclosure']).map((e) => ({
      url: attr(e, 'url'),
      type: attr(e, 'type').toLowerCase(),
    }))
    const image = enclosures.find((e) => e.url && isImage(e.type, e.url))
    return {
      id: text(item['guid']),
      link: text(item['link']),
      title: text(item['title']),
      ...(encoded ? { lead: description, body: encoded } : aloneDescription(description)),
      date: text(item['pubDate']) || text(item['dc:date']),
      author: rssAuthor(item),
      categories: list(item['category']).map((c) => text(c)),
      cover: image ? { src: image.url, alt: '' } : mediaCover(item),
      attachments: enclosures.filter((e) => e.url && e !== image).map((e) => e.url),
    }
  })
}

/**
 * An Atom text construct (RFC 4287 §3.1) as HTML: html is decoded once, xhtml loses its wrapping
 * div, text is escaped. Input: the raw stop node (markup and `@_type`).
 */
function atomHtml(node: unknown): string {
  const n = obj(node)
  const raw = typeof node === 'string' ? node : typeof n?.['#text'] === 'string' ? n['#text'] : ''
  const type = attr(node, 'type') || 'text'
  if (type === 'xhtml') {
    const inner = /^\s*<div\b[^>]*>([\s\S]*)<\/div>\s*$/i.exec(raw)?.[1] ?? raw
    return inner.trim().normalize('NFC')
  }
  const value = rawToText(raw)
  return type === 'html' ? value : escapeHtml(value)
}

/** An Atom text construct as plain text (titles). */
const atomText = (node: unknown) =>
  attr(node, 'type') === 'html' || attr(node, 'type') === 'xhtml'
    ? htmlToText(atomHtml(node))
    : rawToText(typeof node === 'string' ? node : text(node))

/** The alternate link of an Atom entry or feed (a link with no rel is alternate). */
function atomLink(node: Node, rel = 'alternate'): Node | undefined {
  return list(node['link'])
    .map((l) => obj(l) ?? {})
    .find((l) => (attr(l, 'rel') || 'alternate') === rel && attr(l, 'href'))
}

/** Atom `feed/entry`s as FeedItems (RFC 4287 §4.1.2). */
function atomItems(feed: Node): FeedItem[] {
  const feedAuthor = text(obj(list(feed['author'])[0])?.['name'])
  return list(feed['entry']).map((node) => {
    const entry = obj(node) ?? {}
    const hasContent = entry['content'] !== undefined && atomHtml(entry['content']) !== ''
    const summary = entry['summary'] !== undefined ? atomHtml(entry['summary']) : ''
    const enclosures = list(entry['link'])
      .filter((l) => attr(l, 'rel') === 'enclosure' && attr(l, 'href'))
      .map((l) => ({ url: attr(l, 'href'), type: attr(l, 'type').toLowerCase() }))
    const image = enclosures.find((e) => isImage(e.type, e.url))
    const alternate = atomLink(entry)
    return {
      id: text(entry['id']),
      link: alternate ? attr(alternate, 'href') : '',
      title: entry['title'] !== undefined ? atomText(entry['title']) : '',
      ...(hasContent
        ? { lead: summary, body: atomHtml(entry['content']) }
        : aloneDescription(summary)),
      date: text(entry['published']) || text(entry['updated']),
      author: text(obj(list(entry['author'])[0])?.['name']) || feedAuthor,
      categories: list(entry['category']).map((c) => attr(c, 'term') || attr(c, 'label')),
      cover: image ? { src: image.url, alt: '' } : mediaCover(entry),
      attachments: enclosures.filter((e) => e !== image).map((e) => e.url),
    }
  })
}

/**
 * Parses an RSS 2.0 or Atom 1.0 feed. Input: the feed's text. Output: the ImportBundle: every
 * item a published article (views 0, comments on; body = content:encoded or Atom content, lead =
 * the description or summary beside it; a description alone is the lead when it reads as one,
 * else the body: aloneDescription), its first category as the category (sourceId = the
 * name's slug), the others as tags, the cover from an image enclosure or Media RSS, oldPaths from
 * the link and a guid/id URL. Items without title and text are skipped as 'empty body'; a date
 * that does not parse leaves publishedAt null with rawDate. No comments.
 * Errors: throws when the text is neither RSS nor Atom, is cut short (no closing root tag), or on
 * DOCTYPE entities past the limits (see parseXml).
 */
export function parseFeed(xml: string): ImportBundle {
  assertWholeXml(xml, ['rss', 'feed'], 'Feed', 'Not an RSS 2.0 or Atom feed')
  const tree = parseXml(xml, { arrays: REPEATED, stopNodes: ATOM_STOP_NODES })
  const channel = obj(obj(tree['rss'])?.['channel'])
  const feed = obj(tree['feed'])
  if (!channel && !feed) throw new Error('Not an RSS 2.0 or Atom feed')

  let name: string
  let items: FeedItem[]
  if (channel) {
    const self = list(channel['atom:link']).find((l) => attr(l, 'rel') === 'self')
    name = text(channel['link']) || (self ? attr(self, 'href') : '')
    items = rssItems(channel)
  } else {
    const self = atomLink(feed!, 'self')
    name = (self ? attr(self, 'href') : '') || text(feed!['id'])
    items = atomItems(feed!)
  }

  const categories = new Map<string, ImportCategory>()
  const articles: ImportArticle[] = []
  const skipped: SkippedRecord[] = []
  const seen = new Set<string>()
  for (const item of items) {
    const sourceId = item.id || item.link || `hash:${stableHash(`${item.title}\n${item.date}`)}`
    if (!item.title && !htmlToText(item.body) && !htmlToText(item.lead)) {
      skipped.push({ kind: 'article', sourceId, reason: 'empty body' })
      continue
    }
    if (seen.has(sourceId)) {
      skipped.push({ kind: 'article', sourceId, reason: 'duplicate id' })
      continue
    }
    seen.add(sourceId)
    const [main = '', ...rest] = item.categories.filter((c) => c !== '')
    const categoryId = main ? slugify(main) || null : null
    if (categoryId && !categories.has(categoryId)) {
      categories.set(categoryId, {
        sourceId: categoryId,
        name: main,
        alias: '',
        parentId: null,
        position: categories.size + 1,
        oldPaths: [],
      })
    }
    articles.push({
      sourceId,
      title: item.title,
      alias: '',
      leadHtml: item.lead,
      bodyHtml: item.body,
      author: item.author,
      source: '',
      publishedAt: parseSourceTime(item.date),
      rawDate: item.date,
      status: 'published',
      views: 0,
      categoryId,
      tags: distinct(rest),
      cover: item.cover,
      attachments: item.attachments,
      commentsEnabled: true,
      oldPaths: distinct([
        item.link ? legacyKey(item.link) : null,
        isHttpUrl(item.id) ? legacyKey(item.id) : null,
      ]),
    })
  }

  return {
    source: {
      kind: 'feed',
      name: `feed:${name}`,
      uploadPath: uploadPathFor('feed'),
    },
    categories: [...categories.values()],
    articles,
    comments: [],
    skipped,
  }
}
