/**
 * The D1 schema, in TypeScript. `npm run db:generate` turns changes here into SQL migrations
 * under `migrations/` (drizzle-kit), which wrangler applies locally and remotely.
 *
 * Times are stored as integer milliseconds since the Unix epoch, i.e. in UTC; the views turn
 * them into Vietnamese local time.
 */
import { nowMs } from './schema-time'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const ARTICLE_STATUSES = ['draft', 'review', 'published'] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected'] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

export const categories = sqliteTable(
  'categories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    /** Order in the navigation, ascending. */
    position: integer('position').notNull().default(0),
    /** Whether the home page shows a block of this category's newest stories (in `position` order). */
    onHome: integer('on_home', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  },
  (t) => [
    uniqueIndex('categories_slug_unique').on(t.slug),
    index('categories_position_idx').on(t.position),
  ],
)

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    /** Short source prefix shown before the lead, e.g. "HNP". */
    source: text('source').notNull().default(''),
    lead: text('lead').notNull().default(''),
    /** Markdown as the editor wrote it. */
    body: text('body').notNull().default(''),
    /** `body` rendered and sanitised at save time, so readers never pay for Markdown. */
    bodyHtml: text('body_html').notNull().default(''),
    author: text('author').notNull().default(''),
    /**
     * The editor who created the article (0: the bootstrap administrator); null for articles
     * from before owners were kept, which only editors and administrators may change.
     */
    ownerId: integer('owner_id'),
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    /** When readers may see it (UTC). A future time schedules the article. */
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
    commentsEnabled: integer('comments_enabled', { mode: 'boolean' }).notNull().default(true),
    viewCount: integer('view_count').notNull().default(0),
    coverImage: text('cover_image'),
    /** The cover image's text alternative (alt): required whenever there is a cover. */
    coverAlt: text('cover_alt').notNull().default(''),
    /** Raised by every save; a save names the version it was made on (src/admin/articles.ts). */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('articles_slug_unique').on(t.slug),
    // Home page and feeds: newest published first. `id` breaks ties so that paging is stable.
    index('articles_status_published_idx').on(t.status, t.publishedAt, t.id),
    // The "Đọc nhiều" (most read) box.
    index('articles_status_views_idx').on(t.status, t.viewCount),
    // Category pages and the newer/older lists of an article.
    index('articles_category_status_published_idx').on(t.categoryId, t.status, t.publishedAt, t.id),
  ],
)

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** For editors only: never selected by a public query. */
    phone: text('phone'),
    /** For editors only, like `phone`: kept from an imported site's comments (src/import). */
    email: text('email'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    status: text('status', { enum: COMMENT_STATUSES }).notNull().default('pending'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
    /** Salted hash of the client IP, for abuse handling; the IP itself is never stored. */
    ipHash: text('ip_hash'),
  },
  (t) => [index('comments_article_status_created_idx').on(t.articleId, t.status, t.createdAt)],
)

export type Category = typeof categories.$inferSelect
export type NewCategory = typeof categories.$inferInsert
export type Article = typeof articles.$inferSelect
export type NewArticle = typeof articles.$inferInsert
export type Comment = typeof comments.$inferSelect
export type NewComment = typeof comments.$inferInsert

/**
 * Security-code challenges already used to post, kept until they expire so that a solved
 * challenge cannot be replayed.
 */
export const captchaUses = sqliteTable(
  'captcha_uses',
  {
    /** The challenge's signed nonce. */
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('captcha_uses_expires_idx').on(t.expiresAt)],
)

/**
 * Writes of view counts that D1 has applied, by the id the ViewCounter gave each write, so a
 * write whose answer was lost is recognised when it is sent again instead of counting twice.
 * Kept VIEW_FLUSH_MEMORY_MS (src/objects/view-counter.ts).
 */
export const viewFlushes = sqliteTable(
  'view_flushes',
  {
    id: text('id').primaryKey(),
    flushedAt: integer('flushed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('view_flushes_flushed_idx').on(t.flushedAt)],
)

/** The roles an editor may have, most powerful first (see src/admin/permissions.ts for each). */
export const EDITOR_ROLES = ['admin', 'editor', 'writer'] as const

/** One of EDITOR_ROLES. */
export type EditorRole = (typeof EDITOR_ROLES)[number]

/** People with admin access. Tokens are stored only as SHA-256 hashes. */
export const editors = sqliteTable(
  'editors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    role: text('role', { enum: EDITOR_ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('editors_token_hash_unique').on(t.tokenHash)],
)

/**
 * Signed-in sessions of the web admin, so a session ends on the server: at logout, when an
 * editor ends all their sessions, when the bootstrap token changes, at expiry. The cookie holds
 * the id, signed (src/auth/session.ts).
 */
export const adminSessions = sqliteTable(
  'admin_sessions',
  {
    /** Random, URL-safe; only valid with the cookie's signature. */
    id: text('id').primaryKey(),
    /** The editor (0: the bootstrap administrator). */
    editorId: integer('editor_id').notNull(),
    /** For the bootstrap administrator: a fingerprint of ADMIN_TOKEN at sign-in. */
    credential: text('credential').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('admin_sessions_editor_idx').on(t.editorId),
    index('admin_sessions_expires_idx').on(t.expiresAt),
  ],
)

/** Old slugs of published articles, answered with a 301 to the article's current slug. */
export const slugRedirects = sqliteTable('slug_redirects', {
  oldSlug: text('old_slug').primaryKey(),
  articleId: integer('article_id')
    .notNull()
    .references(() => articles.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
})

export const MEDIA_KINDS = ['image', 'attachment'] as const

/** Files in R2: images (covers, Markdown) and attachments listed under an article. */
export const media = sqliteTable(
  'media',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Object key in the MEDIA bucket; the public URL is `/media/<key>`. */
    key: text('key').notNull(),
    kind: text('kind', { enum: MEDIA_KINDS }).notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** An image's size in pixels, read when it was uploaded; null for attachments. */
    width: integer('width'),
    height: integer('height'),
    /** The file name as uploaded, for downloads and the attachment list. */
    fileName: text('file_name').notNull(),
    /** The file name folded as searches fold (foldVietnamese), for the media library's search. */
    nameFolded: text('name_folded').notNull().default(''),
    /** The article an attachment belongs to. */
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
    createdBy: text('created_by').notNull().default(''),
  },
  (t) => [
    uniqueIndex('media_key_unique').on(t.key),
    index('media_article_idx').on(t.articleId, t.id),
  ],
)

/**
 * Which uploads each article shows (its cover and the images in its body), kept with every save,
 * so the media library can say where an item is used and refuse to delete it while it is.
 */
export const mediaUsage = sqliteTable(
  'media_usage',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    mediaKey: text('media_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.mediaKey] }),
    index('media_usage_key_idx').on(t.mediaKey),
  ],
)

/** Who changed what, when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Editor id, or 0 for the bootstrap administrator (ADMIN_TOKEN). */
    actorId: integer('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    /** e.g. "article.create", "comment.approve". */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    /** Short JSON summary of the change. */
    detail: text('detail').notNull().default('{}'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt, t.id)],
)

export const REVISION_ACTIONS = ['create', 'update', 'restore'] as const
export type RevisionAction = (typeof REVISION_ACTIONS)[number]

/**
 * Every save of an article keeps a revision: the article's editable fields after the save
 * (`snapshot`, JSON of RevisionSnapshot in src/db/revisions.ts), which fields the save changed,
 * who and when. Deleting the article deletes its revisions.
 */
export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    action: text('action', { enum: REVISION_ACTIONS }).notNull(),
    snapshot: text('snapshot').notNull(),
    /** JSON array of the field names this save changed. */
    changed: text('changed').notNull().default('[]'),
    /** Editor id, or 0 for the bootstrap administrator (as in audit_log). */
    actorId: integer('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  },
  (t) => [index('article_revisions_article_idx').on(t.articleId, t.id)],
)

/**
 * Facts about this database itself, one row per key. `restore`: the backup a restore loaded and
 * whether it finished (scripts/restore.ts). `npm start` seeds sample content only into a
 * database that has never had any (src/db/seed.ts).
 */
export const siteMeta = sqliteTable('site_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
})

/**
 * The portal's own details, set in the admin ("Cài đặt"): one row per key, the value JSON
 * validated by src/admin/settings.ts. Key `portal`: name, agency, contacts, links.
 */
export const siteSettings = sqliteTable('site_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
})

/** "Tin nổi bật": the stories editors feature on the home page, in order, each until a time. */
export const featuredArticles = sqliteTable(
  'featured_articles',
  {
    articleId: integer('article_id')
      .primaryKey()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** Order on the home page, ascending; the first is the lead story. */
    position: integer('position').notNull().default(0),
    /** When the story stops being featured (UTC); null: until taken off. */
    until: integer('until', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  },
  (t) => [index('featured_articles_position_idx').on(t.position)],
)

/** Topics ("Chủ đề") editors attach to articles; each has its own page and feed. */
export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  },
  (t) => [uniqueIndex('topics_slug_unique').on(t.slug)],
)

export const articleTopics = sqliteTable(
  'article_topics',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.topicId] }),
    index('article_topics_topic_idx').on(t.topicId, t.articleId),
  ],
)

export type Editor = typeof editors.$inferSelect
export type Media = typeof media.$inferSelect
export type AuditEntry = typeof auditLog.$inferSelect

/**
 * Old addresses of imported content (NukeViet `/news/tin-tuc/abc-12.html`, WordPress `/?p=12`
 * and permalinks), by legacyKey (src/lib/legacy-path.ts): each answers 301 with the article's or
 * category's address of today.
 */
export const legacyPaths = sqliteTable(
  'legacy_paths',
  {
    path: text('path').primaryKey(),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id').references(() => categories.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(nowMs),
  },
  (t) => [index('legacy_paths_article_idx').on(t.articleId)],
)

// The import's own tables (records of what came in, and each run's report).
export * from './schema-import'
