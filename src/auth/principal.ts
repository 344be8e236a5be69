/**
 * Who is acting: the signed-in editor a request carries, set once by the admin gate
 * (src/admin/gate.ts) and read by the rules in src/admin/permissions.ts.
 */
import type { EditorRole } from '../db/schema'

/** The signed-in editor a request acts as. */
export type Principal = {
  /** Editor id; 0 for the bootstrap administrator (ADMIN_TOKEN). */
  id: number
  name: string
  role: EditorRole
}
