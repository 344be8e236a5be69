import { asc, count, eq } from 'drizzle-orm'
import { auditQuery } from '../db/audit'
import { isUniqueViolation } from '../db/errors'
import type { Database } from '../db/client'
import { articles, categories } from '../db/schema'
import { slugify } from '../lib/slug'
import * as z from 'zod/mini'
import { fieldErrors, requiredText } from '../lib/validation'
import { AdminError, invalid, notFound } from './errors'
import type { Principal } from './permissions'

const nameField = requiredText('tên chuyên mục', 100)
const slugField = z.pipe(
  z.string({ error: 'Đường dẫn phải là văn bản.' }).check(z.maxLength(100, 'Đường dẫn quá dài.')),
  z.transform((v: string) => slugify(v)),
)
const positionField = z.coerce.number({ error: 'Thứ tự phải là số.' }).check(
  z.refine((v) => Number.isInteger(v), 'Thứ tự phải là số nguyên.'),
  z.refine((v) => v >= 0, 'Thứ tự không được âm.'),
  z.refine((v) => v <= 10_000, 'Thứ tự quá lớn.'),
)

const createSchema = z.object({
  name: nameField,
  slug: z.optional(slugField),
  position: z.optional(positionField),
})
const updateSchema = z.partial(createSchema)

export type AdminCategory = typeof categories.$inferSelect & { articleCount: number }

/** Categories in navigation order, with how many articles each holds. */
export async function listAdminCategories(db: Database): Promise<AdminCategory[]> {
  const rows = await db
    .select({ category: categories, articleCount: count(articles.id) })
    .from(categories)
    .leftJoin(articles, eq(articles.categoryId, categories.id))
    .groupBy(categories.id)
    .orderBy(asc(categories.position), asc(categories.id))
  return rows.map((r) => ({ ...r.category, articleCount: r.articleCount }))
}

async function getCategory(db: Database, id: number) {
  const [row] = await db.select().from(categories).where(eq(categories.id, id))
  if (!row) throw notFound('Không tìm thấy chuyên mục.')
  return row
}

const slugTaken = () =>
  new AdminError(409, 'slug_taken', 'Đường dẫn chuyên mục đã được dùng.', {
    slug: 'Đường dẫn chuyên mục đã được dùng.',
  })

export async function createCategory(
  db: Database,
  actor: Principal,
  raw: unknown,
  now = new Date(),
) {
  const parsed = createSchema.safeParse(raw ?? {})
  if (!parsed.success) throw invalid(fieldErrors(parsed.error))
  const slug = parsed.data.slug || slugify(parsed.data.name)
  if (!slug) throw invalid({ slug: 'Không tạo được đường dẫn từ tên này.' })
  try {
    const [[row]] = await db.batch([
      db
        .insert(categories)
        .values({
          name: parsed.data.name,
          slug,
          position: parsed.data.position ?? 0,
          createdAt: now,
        })
        .returning(),
      auditQuery(
        db,
        actor,
        {
          action: 'category.create',
          targetType: 'category',
          targetId: slug,
          detail: { name: parsed.data.name },
        },
        now,
      ),
    ])
    return row!
  } catch (err) {
    if (isUniqueViolation(err, 'categories.slug')) throw slugTaken()
    throw err
  }
}

/** Renames, re-slugs or moves a category. Returns it before and after, for purging. */
export async function updateCategory(
  db: Database,
  actor: Principal,
  id: number,
  raw: unknown,
  now = new Date(),
) {
  const parsed = updateSchema.safeParse(raw ?? {})
  if (!parsed.success) throw invalid(fieldErrors(parsed.error))
  const before = await getCategory(db, id)
  const changes = {
    ...(parsed.data.name !== undefined && { name: parsed.data.name }),
    ...(parsed.data.slug && { slug: parsed.data.slug }),
    ...(parsed.data.position !== undefined && { position: parsed.data.position }),
  }
  // Nothing to change (`{}`, or a slug that slugifies to nothing): no write, no audit entry.
  if (Object.keys(changes).length === 0) return { before, after: before }
  try {
    const [[after]] = await db.batch([
      db.update(categories).set(changes).where(eq(categories.id, id)).returning(),
      auditQuery(
        db,
        actor,
        { action: 'category.update', targetType: 'category', targetId: id, detail: changes },
        now,
      ),
    ])
    return { before, after: after! }
  } catch (err) {
    if (isUniqueViolation(err, 'categories.slug')) throw slugTaken()
    throw err
  }
}

/** Deletes an empty category; one that still holds articles is refused with 409. */
export async function deleteCategory(db: Database, actor: Principal, id: number, now = new Date()) {
  const before = await getCategory(db, id)
  const [used] = await db.select({ n: count() }).from(articles).where(eq(articles.categoryId, id))
  if ((used?.n ?? 0) > 0) {
    throw new AdminError(
      409,
      'category_in_use',
      `Chuyên mục còn ${used!.n} bài viết; hãy chuyển các bài sang chuyên mục khác trước khi xóa.`,
    )
  }
  await db.batch([
    db.delete(categories).where(eq(categories.id, id)),
    auditQuery(
      db,
      actor,
      {
        action: 'category.delete',
        targetType: 'category',
        targetId: id,
        detail: { slug: before.slug },
      },
      now,
    ),
  ])
  return before
}
