import { Hono } from 'hono'
import { createEditor, listEditors, revokeEditor } from '../../admin/editors'
import { AdminError } from '../../admin/errors'
import type { AppEnv } from '../../env'
import { EditorsPage } from './views/misc'
import { idParam } from '../params'
import { common, formFields, str } from './shared'

/** Editors and their tokens (administrators only). */
export const editorPages = new Hono<AppEnv>()

editorPages.get('/editors', async (c) => {
  return c.html(<EditorsPage {...common(c)} items={await listEditors(c.var.db)} />)
})

editorPages.post('/editors', async (c) => {
  const form = await formFields(c)
  try {
    const { editor, token } = await createEditor(c.var.db, c.var.principal, {
      name: str(form['name']),
      role: str(form['role']),
    })
    // Shown in this response only (never in a URL or a redirect), as tokens are not stored.
    return c.html(
      <EditorsPage
        {...common(c)}
        items={await listEditors(c.var.db)}
        newToken={{ name: editor.name, token }}
      />,
      201,
    )
  } catch (err) {
    if (err instanceof AdminError && err.status === 422) {
      return c.html(
        <EditorsPage
          {...common(c)}
          items={await listEditors(c.var.db)}
          errors={err.fields}
          error={err.message}
        />,
        422,
      )
    }
    throw err
  }
})

editorPages.post('/editors/:id/revoke', async (c) => {
  await revokeEditor(c.var.db, c.var.principal, idParam(c))
  return c.redirect('/admin/editors?ok=revoked', 303)
})
