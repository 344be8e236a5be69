/**
 * Who is acting: the ground floor of the admin's rules, imported by the data layer (audit log,
 * revisions) and by everything above it, and importing nothing of ours.
 */

/** The roles an editor may have, most powerful first (see admin/permissions.ts for each). */
export const EDITOR_ROLES = ['admin', 'editor', 'writer'] as const

/** One of EDITOR_ROLES. */
export type EditorRole = (typeof EDITOR_ROLES)[number]

/** The signed-in editor a request acts as, set once by the admin gate. */
export type Principal = {
  /** Editor id; 0 for the bootstrap administrator (ADMIN_TOKEN). */
  id: number
  name: string
  role: EditorRole
}
