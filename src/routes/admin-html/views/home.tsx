import type { FeaturedItem } from '../../../admin/home'
import type { FieldErrors } from '../../../admin/errors'
import { toVnIsoString } from '../../../lib/time'
import type { Common } from './articles'
import { AdminLayout, CsrfField, ListTable } from './layout'

const localTime = (d: Date | null) => (d ? toVnIsoString(d).slice(0, 16) : '')

/**
 * "Trang chủ": the featured stories ("Tin nổi bật": order, end time, add, take off) and which
 * categories get a block on the home page.
 */
export function HomeSettingsPage(
  props: Common & {
    featured: FeaturedItem[]
    candidates: { id: number; title: string }[]
    categories: { id: number; name: string; onHome: boolean }[]
    errors?: FieldErrors
    now: Date
  },
) {
  return (
    <AdminLayout title="Trang chủ" {...props}>
      <section class="card">
        <h2>Tin nổi bật</h2>
        <p class="meta">
          Tin có thứ tự nhỏ nhất là tin chính (ảnh lớn); trang chủ hiện năm tin đầu còn hạn. Để
          trống thời gian kết thúc để nêu bật đến khi bỏ.
        </p>
        <form method="post" action="/admin/home/featured">
          <CsrfField token={props.csrf} />
          {props.featured.length > 0 ? (
            <ListTable label="Tin nổi bật">
              <thead>
                <tr>
                  <th scope="col">Bài viết</th>
                  <th scope="col">Thứ tự</th>
                  <th scope="col">Kết thúc (giờ Việt Nam)</th>
                  <th scope="col">Bỏ</th>
                </tr>
              </thead>
              <tbody>
                {props.featured.map((f, i) => {
                  const ended = f.until !== null && f.until <= props.now
                  return (
                    <tr>
                      <td>
                        <input type="hidden" name="articleId" value={String(f.articleId)} />
                        <a href={`/bai-viet/${f.slug}`}>{f.title}</a>
                        {ended ? <span class="meta"> (đã hết hạn)</span> : null}
                      </td>
                      <td>
                        <input
                          type="number"
                          name="position"
                          min={0}
                          max={1000}
                          value={String(f.position)}
                          aria-label={`Thứ tự của ${f.title}`}
                          id={`thu-tu-${i}`}
                        />
                      </td>
                      <td>
                        <input
                          type="datetime-local"
                          name="until"
                          value={localTime(f.until)}
                          aria-label={`Kết thúc nêu bật ${f.title}`}
                        />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          name="remove"
                          value={String(f.articleId)}
                          aria-label={`Bỏ ${f.title} khỏi tin nổi bật`}
                        />
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </ListTable>
          ) : (
            <p>Chưa chọn tin nổi bật: trang chủ lấy tin mới nhất làm tin chính.</p>
          )}
          <fieldset>
            <legend>Thêm tin nổi bật</legend>
            <label>
              Bài viết{' '}
              <select name="add">
                <option value="">— Chọn bài đã đăng —</option>
                {props.candidates
                  .filter((c) => !props.featured.some((f) => f.articleId === c.id))
                  .map((c) => (
                    <option value={String(c.id)}>{c.title}</option>
                  ))}
              </select>
            </label>{' '}
            <label>
              Thứ tự <input type="number" name="addPosition" min={0} max={1000} value="0" />
            </label>{' '}
            <label>
              Kết thúc <input type="datetime-local" name="addUntil" />
            </label>
          </fieldset>
          {props.errors?.featured ? <p class="field-error">{props.errors.featured}</p> : null}
          <button type="submit">Lưu tin nổi bật</button>
        </form>
      </section>
      <section class="card">
        <h2>Khối chuyên mục trên trang chủ</h2>
        <form method="post" action="/admin/home/blocks">
          <CsrfField token={props.csrf} />
          <fieldset>
            <legend>Chuyên mục có khối tin (theo thứ tự của chuyên mục)</legend>
            {props.categories.map((c) => (
              <div class="field checkbox">
                <label>
                  <input type="checkbox" name="category" value={String(c.id)} checked={c.onHome} />{' '}
                  {c.name}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">Lưu khối chuyên mục</button>
        </form>
      </section>
    </AdminLayout>
  )
}
