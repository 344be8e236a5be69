import type { Child } from 'hono/jsx'
import type { CategorySummary } from '../db/categories'
import { Layout } from './layout'

export type ErrorStatus = 403 | 404 | 429 | 500 | 503

const MESSAGES: Record<ErrorStatus, { title: string; text: string }> = {
  403: {
    title: 'Yêu cầu không được chấp nhận',
    text: 'Yêu cầu này không đến từ trang của chúng tôi nên không được thực hiện. Mời bạn tải lại trang rồi thử lại.',
  },
  404: {
    title: 'Không tìm thấy trang',
    text: 'Trang bạn tìm không tồn tại hoặc đã được gỡ bỏ. Mời bạn quay lại trang chủ hoặc chọn một chuyên mục.',
  },
  429: {
    title: 'Gửi quá nhiều lần',
    text: 'Bạn đã gửi quá nhiều lần trong một phút. Vui lòng chờ một phút rồi thử lại.',
  },
  500: {
    title: 'Đã có lỗi xảy ra',
    text: 'Hệ thống đang gặp sự cố. Mời bạn thử lại sau ít phút.',
  },
  503: {
    title: 'Hệ thống đang bận',
    text: 'Hệ thống đang bận, vui lòng thử lại sau ít phút.',
  },
}

/** The 503 text, also for answers outside a page (JSON, plain text). */
export const BUSY_MESSAGE = MESSAGES[503].text

/**
 * The 403, 404, 429, 500 and 503 pages, in the layout, in Vietnamese. `children` come after the message,
 * e.g. the reader's comment form kept while the database is unavailable.
 */
export function ErrorPage(props: {
  siteName: string
  categories: CategorySummary[]
  status: ErrorStatus
  children?: Child
}) {
  const message = MESSAGES[props.status]
  return (
    <Layout siteName={props.siteName} categories={props.categories} title={message.title}>
      <section class="error-page">
        <h1 class="page-title">{message.title}</h1>
        <p>{message.text}</p>
        {props.children}
        <p>
          <a href="/">Về trang chủ</a>
        </p>
      </section>
    </Layout>
  )
}
