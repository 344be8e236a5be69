import { Hono } from 'hono'
import { updateSettings } from '../../admin/settings'
import { getSettings } from '../../db/settings'
import type { AppEnv } from '../../env'
import { requirePermission } from '../../admin/gate'
import { jsonBody, bodyLimitOf } from './input'
import { purgeEverything } from '../purging'

/**
 * The portal's settings in the JSON admin API (mounted under `/api/admin`; administrators
 * only). GET gives the stored settings (PortalSettings); PUT takes the admin form's field
 * names (`name`, `phone`, `contactName`, …; `links`/`social` as lists of { label, url } or as
 * "Tên | https://…" lines), answers the stored settings, and purges every cached page.
 */
export const settingsApi = new Hono<AppEnv>()

settingsApi.get('/settings', requirePermission('settings.manage'), async (c) =>
  c.json(await getSettings(c.var.db, c.env.SITE_NAME)),
)

settingsApi.put(
  '/settings',
  requirePermission('settings.manage'),
  bodyLimitOf(64 * 1024),
  async (c) => {
    const settings = await updateSettings(c.var.db, c.var.principal, await jsonBody(c))
    await purgeEverything(c)
    return c.json(settings)
  },
)
