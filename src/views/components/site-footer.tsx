import type { PortalSettings, SiteLink } from '../../db/settings'
import { formatPhoneNational } from '../../lib/phone'

/** The portal's links (to other agencies' portals, social profiles) as a list. */
export function LinkList(props: { class: string; label?: string; links: SiteLink[] }) {
  return (
    <ul class={props.class} aria-label={props.label}>
      {props.links.map((l) => (
        <li>
          <a href={l.url} rel="noopener">
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  )
}

/** A phone number as a link a phone can call, shown as written in Vietnam. */
function Phone(props: { e164: string }) {
  return <a href={`tel:${props.e164}`}>{formatPhoneNational(props.e164)}</a>
}

/**
 * The footer every reader page ends with: the portal's name and what a state agency's portal
 * publishes about itself (Decree 42/2022/NĐ-CP, Art. 4: address, phone, fax, email, the contact
 * officer), the governing agency, the person responsible and the licence, as far as they are
 * set in the admin's settings; and the social profiles.
 */
export function SiteFooter(props: { siteName: string; site?: PortalSettings }) {
  const s = props.site
  const officer = s?.contactOfficer
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p class="footer-name">{props.siteName}</p>
        {s ? (
          <dl class="footer-facts">
            {s.governingAgency ? (
              <>
                <dt>Cơ quan chủ quản</dt>
                <dd>{s.governingAgency}</dd>
              </>
            ) : null}
            {s.address ? (
              <>
                <dt>Địa chỉ</dt>
                <dd>{s.address}</dd>
              </>
            ) : null}
            {s.phone ? (
              <>
                <dt>Điện thoại</dt>
                <dd>
                  <Phone e164={s.phone} />
                </dd>
              </>
            ) : null}
            {s.fax ? (
              <>
                <dt>Fax</dt>
                <dd>{formatPhoneNational(s.fax)}</dd>
              </>
            ) : null}
            {s.email ? (
              <>
                <dt>Email</dt>
                <dd>
                  <a href={`mailto:${s.email}`}>{s.email}</a>
                </dd>
              </>
            ) : null}
            {s.responsiblePerson ? (
              <>
                <dt>Chịu trách nhiệm</dt>
                <dd>{s.responsiblePerson}</dd>
              </>
            ) : null}
            {s.licence ? (
              <>
                <dt>Giấy phép</dt>
                <dd>{s.licence}</dd>
              </>
            ) : null}
            {officer?.name ? (
              <>
                <dt>Cán bộ đầu mối</dt>
                <dd>
                  {officer.name}
                  {officer.title ? `, ${officer.title}` : ''}
                  {officer.phone ? (
                    <>
                      {' · '}
                      <Phone e164={officer.phone} />
                    </>
                  ) : null}
                  {officer.email ? (
                    <>
                      {' · '}
                      <a href={`mailto:${officer.email}`}>{officer.email}</a>
                    </>
                  ) : null}
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
        {s && s.social.length > 0 ? (
          <LinkList class="footer-social" label="Mạng xã hội" links={s.social} />
        ) : null}
      </div>
    </footer>
  )
}
