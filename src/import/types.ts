/**
 * What every import source (NukeViet dump, WordPress WXR, RSS/Atom) is read into before anything
 * is written: plain records keyed by the source's own ids. The parsers in `sources/` only read;
 * `src/import/run.ts` maps these records onto the portal (slugs, Markdown, media, 301s), so the
 * portal's rules live in one place whatever the source.
 */

/** The kinds of export we read. */
export type SourceKind = 'nukeviet' | 'wordpress' | 'feed'

/** A category ("chuyên mục"). Nesting is flattened: every category becomes a top-level one. */
export type ImportCategory = {
  /** The source's id (NukeViet catid, WordPress term_id or nicename, a feed's category name). */
  sourceId: string
  name: string
  /** The source's own alias or nicename ('' when none); folded again by the portal's slugify. */
  alias: string
  /** Source id of the parent category, or null; kept for the report and for ordering. */
  parentId: string | null
  /** Order in the navigation, ascending (the source's weight/sort, or the order read). */
  position: number
  /** Old addresses of the category's page, as legacyKey (src/lib/legacy-path.ts) makes them. */
  oldPaths: string[]
}

/** An image as the source names it. */
export type ImportImage = {
  /** As written in the source: an absolute URL, a site path such as `/uploads/news/a.jpg`. */
  src: string
  /** Its text alternative as the source has it ('' when none). */
  alt: string
}

export type ImportArticle = {
  sourceId: string
  title: string
  /** The source's alias/post_name ('' when none); the slug is slugify(alias || title). */
  alias: string
  /** The lead ("sapo", NukeViet hometext, WordPress excerpt): HTML or plain text. */
  leadHtml: string
  /** The body as the source stores it: HTML, possibly broken or hostile. */
  bodyHtml: string
  author: string
  /** Short name of where the story came from (NukeViet sourcetext), '' when none. */
  source: string
  /**
   * When it was (or will be) published, already read by parseSourceTime (src/import/time.ts):
   * a time without a zone is Vietnamese local time. Null when the export has none or it did not
   * parse; `rawDate` then keeps the text for the report.
   */
  publishedAt: Date | null
  rawDate: string
  /** Published (a future publishedAt schedules it) or kept as a draft. */
  status: 'published' | 'draft'
  views: number
  /** Source id of the main category, or null (the importer then uses a default category). */
  categoryId: string | null
  /** Tags and topics by name; they become the portal's topics ("Chủ đề"). */
  tags: string[]
  /** The featured image, or null. */
  cover: ImportImage | null
  /** Files attached to the article (PDF, DOC…), by src as for images. */
  attachments: string[]
  commentsEnabled: boolean
  /** Every old address of the article, as legacyKey makes them; each answers 301 after import. */
  oldPaths: string[]
}

export type ImportComment = {
  sourceId: string
  /** Source id of the article it belongs to. */
  articleId: string
  name: string
  /** Kept for editors only, as the portal keeps a commenter's phone. '' when none. */
  email: string
  /** As written ('' when none); the importer keeps it only if it is a Vietnamese number. */
  phone: string
  /** '' when the source has none (NukeViet and WordPress comments have no title). */
  title: string
  /** HTML or plain text; stored as plain text. */
  content: string
  status: 'pending' | 'approved' | 'rejected'
  /** As for articles: parsed by parseSourceTime, null with rawDate when it did not parse. */
  createdAt: Date | null
  rawDate: string
}

/** Something a parser read but could not use: reported, never dropped silently. */
export type SkippedRecord = {
  kind: 'category' | 'article' | 'comment' | 'media' | 'topic'
  sourceId: string
  reason: string
}

/** What a parser returns: the whole export, in memory. */
export type ImportBundle = {
  source: {
    kind: SourceKind
    /**
     * A stable name of this export (e.g. `nukeviet:nv4_vi_news`, `wordpress:https://site.vn`,
     * `feed:https://site.vn/rss`): with each record's sourceId it is what a later run of the same
     * export recognises, so the name must not depend on the file's path or the time.
     */
    name: string
    /**
     * The path of an uploaded file under the uploads folder the operator passes, for a src that
     * names one of the site's own uploads (NukeViet `/uploads/…`, WordPress
     * `/wp-content/uploads/…`, on any host or none); null for anything else.
     */
    uploadPath: (src: string) => string | null
  }
  categories: ImportCategory[]
  articles: ImportArticle[]
  comments: ImportComment[]
  skipped: SkippedRecord[]
}
