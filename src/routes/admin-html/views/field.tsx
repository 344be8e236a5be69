import type { FieldErrors } from '../../../admin/errors'

/**
 * A labelled form field (label for `f-<name>`), with an optional hint and the field's error
 * under it (id `loi-<name>`).
 */
export function Field(props: {
  name: string
  label: string
  errors?: FieldErrors
  children: unknown
  hint?: string
}) {
  const error = props.errors?.[props.name]
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      {props.children}
      {props.hint ? <p class="meta">{props.hint}</p> : null}
      {error ? (
        <p class="field-error" id={`loi-${props.name}`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}
