import type { EditorRole } from '../db/schema'

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
} as const satisfies Record<string, readonly EditorRole[]>

export type Permission = keyof typeof RULES

/** Whether a role has a permission. */
export function can(role: EditorRole, permission: Permission): boolean {
  return (RULES[permission] as readonly EditorRole[]).includes(role)
}

/** The person behind an admin request. */
export type Principal = {
  /** Editor id; 0 for the bootstrap administrator (ADMIN_TOKEN). */
  id: number
  name: string
  role: EditorRole
}
