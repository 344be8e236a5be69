import type { FieldErrors } from '../../../admin/errors'
import type { SettingsFormValues } from '../../../admin/settings'
import { formatPhoneNational } from '../../../lib/phone'
import type { Common } from './articles'
import { Field } from './field'
import { AdminLayout, CsrfField } from './layout'

/** One text input of the settings form. */
function Input(props: {
  name: keyof SettingsFormValues
  label: string
  values: SettingsFormValues
  errors?: FieldErrors
  hint?: string
  type?: string
  required?: boolean
}) {
  const value = props.values[props.name]
  // Stored phone numbers are E.164; the form shows them as they are written in Vietnam.
  const shown = props.type === 'tel' && value.startsWith('+') ? formatPhoneNational(value) : value
  return (
    <Field name={props.name} label={props.label} errors={props.errors} hint={props.hint}>
      <input
        id={`f-${props.name}`}
        name={props.name}
        type={props.type ?? 'text'}
        value={shown}
        required={props.required}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
      />
    </Field>
  )
}

/** One multi-line field of the settings form: a list, a line each. */
function LineList(props: {
  name: 'links' | 'social'
  label: string
  values: SettingsFormValues
  errors?: FieldErrors
  hint: string
  rows: number
}) {
  return (
    <Field name={props.name} label={props.label} errors={props.errors} hint={props.hint}>
      <textarea
        id={`f-${props.name}`}
        name={props.name}
        rows={props.rows}
        aria-invalid={props.errors?.[props.name] ? 'true' : undefined}
      >
        {props.values[props.name]}
      </textarea>
    </Field>
  )
}

/**
 * "Cài đặt": the portal's name and the agency's details readers see in the header and footer
 * (Decree 42/2022/NĐ-CP, Art. 4), and the links in the home page's sidebar.
 */
export function SettingsPage(props: Common & { values: SettingsFormValues; errors?: FieldErrors }) {
  const { values, errors } = props
  const input = (
    name: keyof SettingsFormValues,
    label: string,
    extra: { hint?: string; type?: string; required?: boolean } = {},
  ) => <Input name={name} label={label} values={values} errors={errors} {...extra} />
  return (
    <AdminLayout title="Cài đặt cổng thông tin" {...props}>
      <form method="post" action="/admin/settings" class="card settings-form">
        <CsrfField token={props.csrf} />
        <fieldset>
          <legend>Cổng thông tin</legend>
          {input('name', 'Tên cổng thông tin *', { required: true })}
          {input('shortName', 'Tên viết tắt', {
            hint: 'Ví dụ HNP; dùng làm nguồn mặc định của bài viết.',
          })}
          {input('logo', 'Biểu trưng (ảnh trong thư viện)', {
            hint: 'Địa chỉ /media/… của một ảnh đã tải lên (mục Ảnh).',
          })}
        </fieldset>
        <fieldset>
          <legend>Cơ quan (Nghị định 42/2022/NĐ-CP, Điều 4)</legend>
          {input('governingAgency', 'Cơ quan chủ quản')}
          {input('address', 'Địa chỉ')}
          {input('phone', 'Điện thoại', { type: 'tel' })}
          {input('fax', 'Fax', { type: 'tel' })}
          {input('email', 'Email', { type: 'email' })}
          {input('responsiblePerson', 'Người chịu trách nhiệm')}
          {input('licence', 'Giấy phép', {
            hint: 'Ví dụ: Giấy phép số 123/GP-TTĐT ngày 01/01/2024 của Sở TT&TT Hà Nội.',
          })}
        </fieldset>
        <fieldset>
          <legend>Cán bộ đầu mối</legend>
          {input('contactName', 'Họ tên')}
          {input('contactTitle', 'Chức vụ')}
          {input('contactPhone', 'Điện thoại', { type: 'tel' })}
          {input('contactEmail', 'Email', { type: 'email' })}
        </fieldset>
        <fieldset>
          <legend>Liên kết</legend>
          <LineList
            name="links"
            label="Liên kết website"
            values={values}
            errors={errors}
            hint='Mỗi dòng một liên kết: "Tên | https://địa-chỉ".'
            rows={5}
          />
          <LineList
            name="social"
            label="Mạng xã hội"
            values={values}
            errors={errors}
            hint='Mỗi dòng một trang: "Facebook | https://facebook.com/…".'
            rows={3}
          />
        </fieldset>
        <button type="submit">Lưu cài đặt</button>
      </form>
    </AdminLayout>
  )
}
