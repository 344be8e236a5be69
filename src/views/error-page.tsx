import type { CategorySummary } from '../db/categories'
import { Layout } from './layout'

const MESSAGES: Record<number, { title: string; text: string }> = {
  404: {
    title: 'Không tìm thấy trang',
    text: 'Trang bạn tìm không tồn tại hoặc đã được gỡ bỏ. Mời bạn quay lại trang chủ hoặc chọn một chuyên mục.',
  },
  500: {
    title: 'Đã có lỗi xảy ra',
    text: 'Hệ thống đang gặp sự cố. Mời bạn thử lại sau ít phút.',
  },
}

/** The 404 and 500 pages, in the layout, in Vietnamese. */
export function ErrorPage(props: {
  siteName: string
  categories: CategorySummary[]
  status: 404 | 500
}) {
  const message = MESSAGES[props.status]!
  return (
    <Layout siteName={props.siteName} categories={props.categories} title={message.title}>
      <section class="error-page">
        <h1 class="page-title">{message.title}</h1>
        <p>{message.text}</p>
        <p>
          <a href="/">Về trang chủ</a>
        </p>
      </section>
    </Layout>
  )
}
