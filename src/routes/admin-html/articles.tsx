import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { and, asc, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { listAdminArticles } from '../../admin/article-list'
import { previewArticle } from '../../admin/article-preview'
import {
  createArticle,
  getAdminArticle,
  updateArticle,
  type AdminArticle,
} from '../../admin/articles'
import { AdminError, type FieldErrors } from '../../admin/errors'
import { recentImages, uploadMedia } from '../../admin/media'
import { articlePermissions } from '../../admin/permissions'
import { listCategories } from '../../db/categories'
import { ARTICLE_STATUSES, media } from '../../db/schema'
import type { AppEnv } from '../../env'
import { ArticleFormPage } from './views/articles'
import { articleFormValues, emptyArticleForm, postedFormValues } from './views/article-form-values'
import { ArticleListPage } from './views/article-list'
import { ArticlePage } from '../../views/article-page'
import { deletingArticle, deletingMedia, purgeArticleById, purgingArticle } from '../purging'
import { enumQuery, idParam, idQuery, pageParam, parseId, textQuery } from '../params'
import { common, formFields, formRoundTrip, messagePage, permitted, str, type Ctx } from './shared'

/** The lists the article form offers: categories, and the newest images to use as the cover. */
async function formLists(c: Ctx) {
  const [categories, images] = await Promise.all([listCategories(c.var.db), recentImages(c.var.db)])
  return { categories, images }
}

const NOT_SAVED = 'Bài viết chưa được lưu. Vui lòng sửa các mục được đánh dấu.'

/** Articles: list, create, edit, delete, attachments, preview. */
export const articlePages = new Hono<AppEnv>()

articlePages.get('/articles', async (c) => {
  // A filter link a person edited by hand shows the whole list rather than an error.
  const status = enumQuery(c, 'status', ARTICLE_STATUSES, 'ignore')
  const categoryId = idQuery(c, 'categoryId')
  const q = textQuery(c, 'q', 200)
  const page = pageParam(c)
  const [list, categories] = await Promise.all([
    listAdminArticles(c.var.db, { status, categoryId, q, page }),
    listCategories(c.var.db),
  ])
  return c.html(
    <ArticleListPage
      {...common(c)}
      {...list}
      categories={categories}
      filters={{ status, categoryId, q }}
      now={new Date()}
    />,
  )
})

/** What the posted form holds, as the form shows it again when the save is refused. */
const typedValues = (form: Record<string, unknown>) => postedFormValues((f) => str(form[f]))

/** The posted form as the service takes it (src/admin/article-input.ts). */
function articleInput(form: Record<string, unknown>, forUpdate: boolean) {
  const values = typedValues(form)
  // An empty slug field means "from the title", as the form says, when creating and when
  // editing (a published article keeps its old URL as a 301 to the new one).
  const slug = values.slug.trim() || (forUpdate ? values.title : '')
  return { ...values, slug, status: values.status || 'draft' }
}

async function attachmentsOf(c: Ctx, articleId: number) {
  return c.var.db
    .select({
      id: media.id,
      key: media.key,
      fileName: media.fileName,
      size: media.size,
      contentType: media.contentType,
    })
    .from(media)
    .where(and(eq(media.articleId, articleId), eq(media.kind, 'attachment')))
    .orderBy(asc(media.id))
}

articlePages.get('/articles/new', async (c) =>
  c.html(
    <ArticleFormPage
      {...common(c)}
      article={null}
      values={emptyArticleForm}
      {...await formLists(c)}
    />,
  ),
)

articlePages.post('/articles', async (c) => {
  const form = await formFields(c)
  return formRoundTrip(
    c,
    () =>
      purgingArticle(c, null, () =>
        createArticle(c.var.db, c.var.principal, articleInput(form, false)),
      ),
    ({ article }) => `/admin/articles/${article.id}?ok=created`,
    async (err) =>
      c.html(
        <ArticleFormPage
          {...common(c)}
          article={null}
          values={typedValues(form)}
          errors={err.fields as FieldErrors}
          error={NOT_SAVED}
          {...await formLists(c)}
        />,
        err.status as ContentfulStatusCode,
      ),
  )
})

// The form's "Xem trước" button: what is in the form now, saved or not (before the first save
// too). Before the `/articles/:id` routes, so "preview" is not read as an id.
articlePages.post('/articles/preview', async (c) => {
  const form = await formFields(c)
  try {
    return await previewPage(c, await previewArticle(c.var.db, articleInput(form, false)))
  } catch (err) {
    if (err instanceof AdminError && err.status === 422) {
      const problems = Object.values(err.fields ?? {}).join(' ')
      return messagePage(c, 422, 'Chưa xem trước được', `Hãy sửa trong biểu mẫu: ${problems}`)
    }
    throw err
  }
})

articlePages.get('/articles/:id', async (c) => {
  const article = await getAdminArticle(c.var.db, idParam(c))
  return c.html(
    <ArticleFormPage
      {...common(c)}
      article={article}
      values={articleFormValues(article)}
      {...await formLists(c)}
      attachments={await attachmentsOf(c, article.id)}
      allowed={articlePermissions(c.var.principal, article)}
    />,
  )
})

articlePages.post('/articles/:id', async (c) => {
  const id = idParam(c)
  const form = await formFields(c)
  return formRoundTrip(
    c,
    () =>
      purgingArticle(c, id, () =>
        updateArticle(c.var.db, c.var.principal, id, articleInput(form, true), new Date(), {
          version: parseId(str(form['version'])),
        }),
      ),
    () => `/admin/articles/${id}?ok=saved`,
    async (err) => {
      // After a conflict the form carries the version now stored: saving again overwrites it.
      const article = await getAdminArticle(c.var.db, id)
      const conflict = err.code === 'conflict'
      return c.html(
        <ArticleFormPage
          {...common(c)}
          article={article}
          values={typedValues(form)}
          errors={err.fields as FieldErrors}
          error={conflict ? err.message : NOT_SAVED}
          conflict={conflict}
          {...await formLists(c)}
          attachments={await attachmentsOf(c, id)}
          allowed={articlePermissions(c.var.principal, article)}
        />,
        err.status as ContentfulStatusCode,
      )
    },
  )
})

articlePages.post('/articles/:id/delete', async (c) => {
  if (!permitted(c, 'articles.delete')) {
    throw new AdminError(403, 'forbidden', 'Bạn không có quyền xóa bài viết.')
  }
  await deletingArticle(c, idParam(c))
  return c.redirect('/admin/articles?ok=deleted', 303)
})

articlePages.post('/articles/:id/attachments', async (c) => {
  const id = idParam(c)
  const form = await formFields(c)
  const file = Array.isArray(form['file']) ? form['file'][0] : form['file']
  await uploadMedia(c.env, c.var.db, c.var.principal, file, {
    kind: 'attachment',
    articleId: id,
  })
  await purgeArticleById(c, id)
  return c.redirect(`/admin/articles/${id}?ok=uploaded`, 303)
})

articlePages.post('/articles/:id/attachments/:fileId/delete', async (c) => {
  const id = idParam(c)
  const fileId = idParam(c, 'fileId', 'Không tìm thấy tệp.')
  // Purges the file's URLs and the article's page, which listed it.
  await deletingMedia(c, fileId, { articleId: id })
  return c.redirect(`/admin/articles/${id}?ok=deleted`, 303)
})

/** The article page as readers would see `article`, marked as a preview, with no comments. */
async function previewPage(c: Ctx, article: AdminArticle) {
  return c.html(
    <ArticlePage
      siteName={c.env.SITE_NAME}
      categories={await listCategories(c.var.db)}
      article={article}
      newer={[]}
      older={[]}
      comments={[]}
      commentCount={0}
      attachments={article.id ? await attachmentsOf(c, article.id) : []}
      mostRead={[]}
      captcha={{ provider: 'off' }}
      preview
      now={new Date()}
      origin={new URL(c.req.url).origin}
    />,
  )
}

articlePages.get('/articles/:id/preview', async (c) =>
  previewPage(c, await getAdminArticle(c.var.db, idParam(c))),
)
