import type { Principal } from '../auth/principal'
import type { ArticleStatus, EditorRole } from '../db/schema'

/** Who may do what. Administrators may do everything. */
const RULES = {
  'articles.read': ['admin', 'editor', 'writer'],
  'articles.write': ['admin', 'editor', 'writer'],
  'articles.publish': ['admin', 'editor'],
  'articles.delete': ['admin', 'editor'],
  'categories.read': ['admin', 'editor', 'writer'],
  'categories.write': ['admin', 'editor'],
  'comments.moderate': ['admin', 'editor'],
  'media.write': ['admin', 'editor', 'writer'],
  'media.delete': ['admin', 'editor'],
  'editors.manage': ['admin'],
  'audit.read': ['admin', 'editor'],
  'cache.purge': ['admin'],
  'settings.manage': ['admin'],
  'home.edit': ['admin', 'editor'],
} as const satisfies Record<string, readonly EditorRole[]>

export type Permission = keyof typeof RULES

/** Whether a role has a permission. */
export function can(role: EditorRole, permission: Permission): boolean {
  return (RULES[permission] as readonly EditorRole[]).includes(role)
}

/** The person behind an admin request. */
export type { Principal }

/** What may be done to an existing article besides reading it. */
export type ArticleAction = 'edit' | 'publish' | 'delete' | 'attach' | 'detach'

/** An article's state as permissions see it: "scheduled" is published with a time to come. */
export type ArticleState = 'draft' | 'review' | 'scheduled' | 'published'

/** Which articles a role may act on: any, only its own in draft or review, or none. */
type Scope = 'any' | 'own-unpublished' | 'none'

/**
 * The one table for article actions, by role, ownership and state. Writers work on their own
 * drafts and articles in review, and attach files to them (as a WordPress contributor does);
 * what is published or scheduled is the editors'. Every route of the JSON API and the HTML
 * admin takes its article checks from here (through `mayOnArticle`).
 */
const ARTICLE_RULES: Record<EditorRole, Record<ArticleAction, Scope>> = {
  admin: { edit: 'any', publish: 'any', delete: 'any', attach: 'any', detach: 'any' },
  editor: { edit: 'any', publish: 'any', delete: 'any', attach: 'any', detach: 'any' },
  writer: {
    edit: 'own-unpublished',
    publish: 'none',
    delete: 'none',
    attach: 'own-unpublished',
    detach: 'own-unpublished',
  },
}

/** What permissions need of an article. */
export type ArticleForPermission = {
  status: ArticleStatus
  publishedAt: Date | null
  /** The editor who created it (0: the bootstrap administrator); null when not known. */
  ownerId: number | null
}

/** The state of an article at `now`. */
export function articleState(article: ArticleForPermission, now = new Date()): ArticleState {
  if (article.status !== 'published') return article.status
  return article.publishedAt && article.publishedAt > now ? 'scheduled' : 'published'
}

/** Whether `actor` may do `action` to `article` at `now` (ARTICLE_RULES). */
export function mayOnArticle(
  actor: Principal,
  action: ArticleAction,
  article: ArticleForPermission,
  now = new Date(),
): boolean {
  const scope = ARTICLE_RULES[actor.role][action]
  if (scope === 'any') return true
  if (scope === 'none') return false
  const state = articleState(article, now)
  return article.ownerId === actor.id && (state === 'draft' || state === 'review')
}

/** Whether a role may publish at all (create an article as published, or publish one). */
export function mayPublish(role: EditorRole): boolean {
  return ARTICLE_RULES[role].publish !== 'none'
}

/** Each article action with whether `actor` may do it at `now`: what the admin's forms offer. */
export function articlePermissions(
  actor: Principal,
  article: ArticleForPermission,
  now = new Date(),
): Record<ArticleAction, boolean> {
  const actions: ArticleAction[] = ['edit', 'publish', 'delete', 'attach', 'detach']
  return Object.fromEntries(
    actions.map((a) => [a, mayOnArticle(actor, a, article, now)]),
  ) as Record<ArticleAction, boolean>
}
