import * as z from 'zod/mini'
import { auditQuery } from '../db/audit'
import type { Database } from '../db/client'
import { media } from '../db/schema'
import { saveSettingsQuery, type PortalSettings, type SiteLink } from '../db/settings'
import { isSafeUrl } from '../lib/html'
import { normalizeVietnamesePhone, PHONE_MESSAGE } from '../lib/phone'
import { cleanText, textLength } from '../lib/text'
import { fieldErrors, requiredText } from '../lib/validation'
import { invalid } from './errors'
import type { Principal } from './permissions'
import { eq } from 'drizzle-orm'

/** An optional one-line text field: cleaned (cleanText), at most `max` characters. */
const optionalText = (label: string, max: number) =>
  z
    .pipe(
      z.optional(z.string({ error: `${label} phải là văn bản.` })),
      z.transform((v: string | undefined) => cleanText(v ?? '')),
    )
    .check(z.refine((v) => textLength(v) <= max, `${label} không được dài quá ${max} ký tự.`))

/** An optional Vietnamese phone or fax number, stored as E.164 (libphonenumber-js). */
const optionalPhone = z
  .pipe(
    z.optional(z.string()),
    z.transform((v: string | undefined) => cleanText(v ?? '')),
  )
  .check(z.refine((v) => v === '' || normalizeVietnamesePhone(v) !== null, PHONE_MESSAGE))

const optionalEmail = z
  .pipe(
    z.optional(z.string()),
    z.transform((v: string | undefined) => cleanText(v ?? '')),
  )
  .check(
    z.refine(
      (v) => v === '' || (v.length <= 254 && /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(v)),
      'Địa chỉ email không hợp lệ (ví dụ: ubnd@thuongtin.hanoi.gov.vn).',
    ),
  )

const MAX_LINKS = 30

/**
 * Links typed one per line as "Tên | https://…" (the admin form), or given as a list of
 * { label, url } (the JSON API). Only http(s) addresses; at most 30.
 */
const linkList = (label: string) =>
  z
    .pipe(
      z.optional(z.union([z.string(), z.array(z.object({ label: z.string(), url: z.string() }))])),
      z.transform((v): (SiteLink | string)[] => {
        if (v === undefined) return []
        if (Array.isArray(v))
          return v.map((l) => ({ label: cleanText(l.label), url: l.url.trim() }))
        return v
          .split(/\r?\n/)
          .map((line) => cleanText(line))
          .filter(Boolean)
          .map((line) => {
            const at = line.lastIndexOf('|')
            if (at < 0) return line
            return { label: cleanText(line.slice(0, at)), url: line.slice(at + 1).trim() }
          })
      }),
    )
    .check(
      z.refine((list) => list.length <= MAX_LINKS, `${label}: tối đa ${MAX_LINKS} liên kết.`),
      z.refine(
        (list) =>
          list.every(
            (l) =>
              typeof l !== 'string' &&
              l.label !== '' &&
              textLength(l.label) <= 100 &&
              /^https?:\/\/[^\s]+$/i.test(l.url) &&
              l.url.length <= 500 &&
              isSafeUrl(l.url),
          ),
        `${label}: mỗi dòng dạng "Tên | https://địa-chỉ" (ví dụ: Cổng thông tin Hà Nội | https://hanoi.gov.vn).`,
      ),
    )

const settingsSchema = z.object({
  name: requiredText('tên cổng thông tin', 200),
  shortName: optionalText('Tên viết tắt', 20),
  logo: optionalText('Biểu trưng', 500),
  governingAgency: optionalText('Cơ quan chủ quản', 200),
  address: optionalText('Địa chỉ', 300),
  phone: optionalPhone,
  fax: optionalPhone,
  email: optionalEmail,
  responsiblePerson: optionalText('Người chịu trách nhiệm', 200),
  licence: optionalText('Giấy phép', 300),
  contactName: optionalText('Tên cán bộ đầu mối', 100),
  contactTitle: optionalText('Chức vụ cán bộ đầu mối', 100),
  contactPhone: optionalPhone,
  contactEmail: optionalEmail,
  links: linkList('Liên kết website'),
  social: linkList('Mạng xã hội'),
})

/** The settings as form fields (strings), for the admin form and its re-display. */
export type SettingsFormValues = Record<keyof z.infer<typeof settingsSchema>, string>

/** The form's values for stored settings (links one per line as "Tên | địa chỉ"). */
export function settingsFormValues(s: PortalSettings): SettingsFormValues {
  const lines = (list: SiteLink[]) => list.map((l) => `${l.label} | ${l.url}`).join('\n')
  return {
    name: s.name,
    shortName: s.shortName,
    logo: s.logo,
    governingAgency: s.governingAgency,
    address: s.address,
    phone: s.phone,
    fax: s.fax,
    email: s.email,
    responsiblePerson: s.responsiblePerson,
    licence: s.licence,
    contactName: s.contactOfficer.name,
    contactTitle: s.contactOfficer.title,
    contactPhone: s.contactOfficer.phone,
    contactEmail: s.contactOfficer.email,
    links: lines(s.links),
    social: lines(s.social),
  }
}

/**
 * Validates and stores the portal's settings (form fields or the same names in JSON; links as
 * lines or lists), with an audit entry. Phone numbers become E.164. The logo must be an image
 * from the media library. Returns the stored settings. Raises AdminError 422 with a message per
 * field.
 */
export async function updateSettings(
  db: Database,
  actor: Principal,
  raw: unknown,
  now = new Date(),
): Promise<PortalSettings> {
  const parsed = settingsSchema.safeParse(raw ?? {})
  if (!parsed.success) throw invalid(fieldErrors(parsed.error))
  const d = parsed.data
  if (d.logo) {
    const key = d.logo.startsWith('/media/') ? d.logo.slice('/media/'.length) : null
    const [image] = key
      ? await db.select({ kind: media.kind }).from(media).where(eq(media.key, key))
      : []
    if (image?.kind !== 'image') {
      throw invalid({ logo: 'Biểu trưng phải là một ảnh trong thư viện (/media/…).' })
    }
  }
  const phone = (v: string) => (v ? (normalizeVietnamesePhone(v) ?? '') : '')
  const settings: PortalSettings = {
    name: d.name,
    shortName: d.shortName,
    logo: d.logo,
    governingAgency: d.governingAgency,
    address: d.address,
    phone: phone(d.phone),
    fax: phone(d.fax),
    email: d.email,
    responsiblePerson: d.responsiblePerson,
    licence: d.licence,
    contactOfficer: {
      name: d.contactName,
      title: d.contactTitle,
      phone: phone(d.contactPhone),
      email: d.contactEmail,
    },
    links: d.links as SiteLink[],
    social: d.social as SiteLink[],
  }
  await db.batch([
    saveSettingsQuery(db, settings, now),
    auditQuery(
      db,
      actor,
      { action: 'settings.update', targetType: 'settings', targetId: 'portal', detail: {} },
      now,
    ),
  ])
  return settings
}
