import { eq } from 'drizzle-orm'
import type { Database } from './client'
import { siteSettings } from './schema'

/** A labelled web address (a related agency's portal, a social profile). */
export type SiteLink = { label: string; url: string }

/**
 * The portal's own details, as readers see them in the header and footer. What a state
 * agency's portal publishes about itself: Decree 42/2022/NĐ-CP, Art. 4 (the agency's address,
 * phone, fax and email; the contact officer's name, title, phone and email), and what
 * Vietnamese portals print beside it (governing agency, person responsible, licence).
 * Phone numbers are E.164 (+84…); empty strings mean "not set".
 */
export type PortalSettings = {
  name: string
  /** Short name, also the default source prefix of articles ("HNP"). */
  shortName: string
  /** Logo or emblem: an address from the media library (/media/…), or ''. */
  logo: string
  governingAgency: string
  address: string
  phone: string
  fax: string
  email: string
  responsiblePerson: string
  licence: string
  contactOfficer: { name: string; title: string; phone: string; email: string }
  links: SiteLink[]
  social: SiteLink[]
}

const KEY = 'portal'

/** The details before an editor sets any: the portal's name from the configuration. */
export function defaultSettings(siteName: string): PortalSettings {
  return {
    name: siteName,
    shortName: '',
    logo: '',
    governingAgency: '',
    address: '',
    phone: '',
    fax: '',
    email: '',
    responsiblePerson: '',
    licence: '',
    contactOfficer: { name: '', title: '', phone: '', email: '' },
    links: [],
    social: [],
  }
}

/** The stored row (0 or 1), for a page loader's batch; read it with readSettings. */
export function settingsQuery(db: Database) {
  return db
    .select({ value: siteSettings.value })
    .from(siteSettings)
    .where(eq(siteSettings.key, KEY))
}

/**
 * The settings from settingsQuery's rows, over the defaults: a field missing from the stored
 * JSON (saved by an older version) takes its default; unreadable JSON gives the defaults.
 */
export function readSettings(rows: { value: string }[], siteName: string): PortalSettings {
  const defaults = defaultSettings(siteName)
  if (!rows[0]) return defaults
  try {
    const stored = JSON.parse(rows[0].value) as Partial<PortalSettings>
    return {
      ...defaults,
      ...stored,
      contactOfficer: { ...defaults.contactOfficer, ...stored.contactOfficer },
    }
  } catch {
    return defaults
  }
}

/** The portal's settings on their own (one query). */
export async function getSettings(db: Database, siteName: string): Promise<PortalSettings> {
  return readSettings(await settingsQuery(db), siteName)
}

/** The statement that stores `settings` (for a batch with its audit entry). */
export function saveSettingsQuery(db: Database, settings: PortalSettings, now: Date) {
  const value = JSON.stringify(settings)
  return db
    .insert(siteSettings)
    .values({ key: KEY, value, updatedAt: now })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: now } })
}
