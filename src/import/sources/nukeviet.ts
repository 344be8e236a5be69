/**
 * NukeViet 4 (4.0–4.5) news module, read from a mysqldump of its tables. Table and column names
 * are those of modules/news/action_mysql.php and modules/comment/action_mysql.php in
 * github.com/nukeviet/nukeviet; columns are read by name, so the 4.3 shapes (no `_tags.title`,
 * `_detail.gid`) and the 4.5 ones (`_detail.voicedata`, `_cat.layout_func`) both work.
 */
import { uploadPathFor } from './upload-paths'
import { legacyKey } from '../../lib/legacy-path'
import { fromEpochSeconds } from '../time'
import type {
  ImportArticle,
  ImportBundle,
  ImportCategory,
  ImportComment,
  ImportImage,
  SkippedRecord,
} from '../types'
import { readDump, type SqlRow } from './sql-dump'
import { isUrl, num, plainText, text } from './nukeviet-text'

export { nukevietUploadPath } from './nukeviet-text'

export type NukeVietOptions = {
  /** $db_config['prefix'], default 'nv4'. */
  prefix?: string
  /** The language of the tables (NV_LANG_DATA), default 'vi'. */
  lang?: string
  /** The module's URL name ($module_name), default 'news'; comments are filed under it. */
  module?: string
  /** The table infix ($module_data) when it differs from the URL name. */
  moduleData?: string
  /** The folder under uploads/ ($module_upload), default the URL name. */
  moduleUpload?: string
  /** $global_config['rewrite_exturl'], default '.html'. */
  rewriteExt?: string
}

/** The names of the tables the source reads, for DumpReader's `wanted`. */
export function nukevietTables(options: NukeVietOptions = {}) {
  const { prefix = 'nv4', lang = 'vi', module = 'news' } = options
  const base = `${prefix}_${lang}_${options.moduleData ?? module}`
  return {
    base,
    cat: `${base}_cat`,
    rows: `${base}_rows`,
    detail: `${base}_detail`,
    sources: `${base}_sources`,
    topics: `${base}_topics`,
    tags: `${base}_tags`,
    tagsId: `${base}_tags_id`,
    /** NukeViet 4 keeps comments per language (`nv4_vi_comment`); some sites have `nv4_comment`. */
    comments: [`${prefix}_${lang}_comment`, `${prefix}_comment`],
  }
}

/** Whether a table is one the source reads (for DumpReader / readDumpChunks). */
export function nukevietWanted(options: NukeVietOptions = {}): (table: string) => boolean {
  const t = nukevietTables(options)
  const names = new Set([t.cat, t.rows, t.detail, t.sources, t.topics, t.tags, t.tagsId])
  for (const c of t.comments) names.add(c)
  return (table) => names.has(table)
}

const byKey = (rows: SqlRow[], column: string) => {
  const map = new Map<string, SqlRow>()
  for (const row of rows) map.set(text(row, column), row)
  return map
}

/** Adds the legacyKey of each address to `into`, once. */
function addPaths(into: string[], addresses: string[]) {
  for (const a of addresses) {
    const key = legacyKey(a)
    if (key && !into.includes(key)) into.push(key)
  }
}

/**
 * Every address NukeViet gives `op` of a module (nv_url_rewrite in includes/functions.php,
 * modules/news/functions.php): rewritten (`/news/tin-tuc/abc-12.html`), with the language
 * (`/vi/news/…`), as the site's home module where the module name is left out
 * (`$global_config['rewrite_op_mod']`: `/tin-tuc/abc-12.html`, `/vi/tin-tuc/…`), through
 * `index.php/` when rewriting is off but path info is on (`/index.php/news/…`), and the plain
 * query (`/index.php?language=vi&nv=news&op=…`). Whether a site used its news module as the home
 * module is not in the dump, so both are kept: old addresses are only looked up for paths the
 * portal does not serve (src/routes/legacy.ts).
 */
function addresses(lang: string, module: string, op: string, ext: string): string[] {
  const path = op
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/')
  const m = encodeURIComponent(module)
  const l = encodeURIComponent(lang)
  const query = new URLSearchParams({ language: lang, nv: module, op }).toString()
  return [
    `/${m}/${path}${ext}`,
    `/${l}/${m}/${path}${ext}`,
    `/${path}${ext}`,
    `/${l}/${path}${ext}`,
    `/index.php/${m}/${path}${ext}`,
    `/index.php/${l}/${m}/${path}${ext}`,
    `/index.php/${path}${ext}`,
    `/index.php?${query}`,
  ]
}

/** Published: 1 (published) and 2 ("waiting", published by nv_set_status_module at publtime). */
const isPublished = (status: number) => status === 1 || status === 2

/**
 * Reads a NukeViet 4 news module. Input: the dump's text, or tables already read (readDump /
 * readDumpChunks with nukevietWanted), and where the module lives. Output: an ImportBundle whose
 * sourceIds are NukeViet's ids; articles without a title, or without both hometext and bodyhtml,
 * and comments without content or article go to `skipped`. Errors: SqlDumpError from the reader;
 * Error when the dump has no rows of the module's `_rows` table or, with articles, of `_detail`
 * (cut short between two tables, or the wrong --prefix/--lang/--module).
 */
export function parseNukeViet(
  input: string | Map<string, SqlRow[]>,
  options: NukeVietOptions = {},
): ImportBundle {
  const { lang = 'vi', module = 'news', rewriteExt = '.html' } = options
  const upload = options.moduleUpload ?? module
  const t = nukevietTables(options)
  const tables = typeof input === 'string' ? readDump(input, nukevietWanted(options)) : input
  const get = (name: string) => tables.get(name) ?? []
  // Tables are dumped one after another (cat, detail, rows… in name order): a dump cut between
  // two statements parses cleanly and would import half a module, or nothing, "successfully".
  if (!tables.has(t.rows)) {
    throw new Error(
      `The dump has no rows of ${t.rows}: it was cut short before that table, or the news module has other names (--prefix ${options.prefix ?? 'nv4'}, --lang ${lang}, --module ${module}).`,
    )
  }
  if (!tables.has(t.detail)) {
    throw new Error(
      `The dump has articles in ${t.rows} but no rows of ${t.detail} (their bodies): it was cut short. Dump the database again.`,
    )
  }
  const skipped: SkippedRecord[] = []

  const categories: ImportCategory[] = []
  const catAlias = new Map<number, string>()
  for (const row of get(t.cat)) {
    const id = num(row, 'catid')
    const name = plainText(row, 'title')
    const alias = text(row, 'alias').trim()
    if (!name) {
      skipped.push({ kind: 'category', sourceId: String(id), reason: 'missing title' })
      continue
    }
    catAlias.set(id, alias)
    const parent = num(row, 'parentid')
    const oldPaths: string[] = []
    if (alias) addPaths(oldPaths, addresses(lang, module, alias, ''))
    categories.push({
      sourceId: String(id),
      name,
      alias,
      parentId: parent ? String(parent) : null,
      position: row.sort !== undefined ? num(row, 'sort') : num(row, 'weight'),
      oldPaths,
    })
  }

  const details = byKey(get(t.detail), 'id')
  const sources = byKey(get(t.sources), 'sourceid')
  const topics = byKey(get(t.topics), 'topicid')
  const tagNames = new Map<string, string>()
  for (const row of get(t.tags)) {
    tagNames.set(text(row, 'tid'), plainText(row, 'title') || plainText(row, 'keywords'))
  }
  const articleTags = new Map<string, string[]>()
  for (const row of get(t.tagsId)) {
    const name = plainText(row, 'keyword') || tagNames.get(text(row, 'tid')) || ''
    const id = text(row, 'id')
    if (name) articleTags.set(id, [...(articleTags.get(id) ?? []), name])
  }

  const uploadSrc = (file: string) => (isUrl(file) ? file : `/uploads/${upload}/${file}`)
  const articles: ImportArticle[] = []
  const articleState = new Map<string, 'imported' | 'skipped'>()
  for (const row of get(t.rows)) {
    const id = text(row, 'id')
    const title = plainText(row, 'title')
    const detail = details.get(id)
    const leadHtml = text(row, 'hometext')
    const bodyHtml = text(detail, 'bodyhtml')
    const reason = !title
      ? 'missing title'
      : !leadHtml.trim() && !bodyHtml.trim()
        ? 'empty body'
        : ''
    articleState.set(id, reason ? 'skipped' : 'imported')
    if (reason) {
      skipped.push({ kind: 'article', sourceId: id, reason })
      continue
    }
    const catid = num(row, 'catid')
    const alias = text(row, 'alias').trim()
    const oldPaths: string[] = []
    const listed = text(row, 'listcatid').split(',').map(Number)
    for (const c of new Set([catid, ...listed])) {
      const ca = catAlias.get(c)
      if (ca && alias)
        addPaths(oldPaths, addresses(lang, module, `${ca}/${alias}-${id}`, rewriteExt))
    }
    const publtime = num(row, 'publtime')
    articles.push({
      sourceId: id,
      title,
      alias,
      leadHtml,
      bodyHtml,
      author: plainText(row, 'author'),
      source: sourceName(sources.get(text(row, 'sourceid')), text(detail, 'sourcetext')),
      publishedAt: fromEpochSeconds(publtime),
      rawDate: String(publtime),
      status: isPublished(num(row, 'status')) ? 'published' : 'draft',
      views: num(row, 'hitstotal'),
      categoryId: catAlias.has(catid) ? String(catid) : null,
      tags: unique([
        plainText(topics.get(text(row, 'topicid')), 'title'),
        ...(articleTags.get(id) ?? []),
      ]),
      cover: cover(row, uploadSrc),
      attachments: text(detail, 'files')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean)
        .map(uploadSrc),
      commentsEnabled: !['', '0'].includes(text(row, 'allowed_comm').trim()),
      oldPaths,
    })
  }

  const comments: ImportComment[] = []
  const commentTable = t.comments.find((name) => tables.has(name))
  for (const row of commentTable ? get(commentTable) : []) {
    if (text(row, 'module') !== module) continue
    const sourceId = text(row, 'cid')
    const articleId = text(row, 'id')
    const content = text(row, 'content')
    const state = articleState.get(articleId)
    const reason = !content.trim()
      ? 'empty comment'
      : state === undefined
        ? 'missing article'
        : state === 'skipped'
          ? 'article skipped'
          : ''
    if (reason) {
      skipped.push({ kind: 'comment', sourceId, reason })
      continue
    }
    const status = num(row, 'status')
    const postTime = num(row, 'post_time')
    comments.push({
      sourceId,
      articleId,
      name: plainText(row, 'post_name'),
      email: text(row, 'post_email').trim(),
      phone: '',
      title: '',
      content,
      status: status === 1 ? 'approved' : status === 0 ? 'pending' : 'rejected',
      createdAt: fromEpochSeconds(postTime),
      rawDate: String(postTime),
    })
  }

  return {
    source: { kind: 'nukeviet', name: `nukeviet:${t.base}`, uploadPath: uploadPathFor('nukeviet') },
    categories,
    articles,
    comments,
    skipped,
  }
}

/** Non-empty names, once each, in order. */
function unique(names: string[]): string[] {
  return [...new Set(names.filter(Boolean))]
}

/**
 * The source's name: `_sources.title` (what detail.php shows with config_source 0), else
 * `_detail.sourcetext`, which admin/content.php takes as a URL or a name; a URL gives its host.
 */
function sourceName(source: SqlRow | undefined, sourcetext: string): string {
  const title = plainText(source, 'title')
  if (title) return title
  const raw = sourcetext.trim()
  if (!isUrl(raw)) return raw
  try {
    return new URL(raw.startsWith('//') ? `http:${raw}` : raw).hostname
  } catch {
    return raw
  }
}

/**
 * The featured image (modules/news/funcs/detail.php): homeimgthumb 3 is an external URL; 1 (with
 * a thumbnail under assets/) and 2 name a file under uploads/<module_upload>/, and so does 0 when
 * a file is named, since detail.php shows it when the file exists. No file, no cover.
 */
function cover(row: SqlRow, uploadSrc: (file: string) => string): ImportImage | null {
  const file = text(row, 'homeimgfile').trim()
  if (!file) return null
  const src = num(row, 'homeimgthumb') === 3 ? file : uploadSrc(file)
  return { src, alt: plainText(row, 'homeimgalt') }
}
