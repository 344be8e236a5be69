import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { settingsFormValues, updateSettings, type SettingsFormValues } from '../../admin/settings'
import { defaultSettings, getSettings } from '../../db/settings'
import type { AppEnv } from '../../env'
import { SettingsPage } from './views/settings'
import { purgeEverything } from '../purging'
import { common, formFields, formRoundTrip, str } from './shared'

/** "Cài đặt": the portal's details (administrators only; see REQUIRED in ./index.tsx). */
export const settingsPages = new Hono<AppEnv>()

settingsPages.get('/settings', async (c) => {
  const settings = await getSettings(c.var.db, c.env.SITE_NAME)
  return c.html(<SettingsPage {...common(c)} values={settingsFormValues(settings)} />)
})

settingsPages.post('/settings', async (c) => {
  const form = await formFields(c)
  const names = Object.keys(settingsFormValues(defaultSettings(''))) as (keyof SettingsFormValues)[]
  const values = Object.fromEntries(names.map((n) => [n, str(form[n])])) as SettingsFormValues
  return formRoundTrip(
    c,
    async () => {
      await updateSettings(c.var.db, c.var.principal, values)
      // The header and footer are on every page.
      await purgeEverything(c)
    },
    () => '/admin/settings?ok=saved',
    (err) =>
      c.html(
        <SettingsPage {...common(c)} values={values} errors={err.fields} error={err.message} />,
        err.status as ContentfulStatusCode,
      ),
  )
})
