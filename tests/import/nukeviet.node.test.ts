import { describe, expect, it } from 'vitest'
import { legacyKey } from '../../src/lib/legacy-path'
import {
  nukevietUploadPath,
  nukevietWanted,
  parseNukeViet,
} from '../../src/import/sources/nukeviet'
import {
  DumpReader,
  readDump,
  readDumpChunks,
  SqlDumpError,
  type SqlRow,
} from '../../src/import/sources/sql-dump'
import dump from '../fixtures/import/nukeviet/dump.sql?raw'

const all = () => true

/** Reads `text` pushed in pieces of `size` characters. */
function chunked(text: string, size: number, wanted: (t: string) => boolean = all) {
  const rows: [string, SqlRow][] = []
  const reader = new DumpReader({ wanted, onRow: (t, r) => rows.push([t, r]) })
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size))
  reader.end()
  return rows
}

const flat = (tables: Map<string, SqlRow[]>) =>
  [...tables].flatMap(([t, rows]) => rows.map((r) => [t, r] as [string, SqlRow]))

const CREATE = `CREATE TABLE \`t\` (
  \`id\` int(11) NOT NULL,
  \`s\` text COMMENT 'a, (b)',
  \`n\` decimal(10,2) DEFAULT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`s\` (\`s\`(10))
) ENGINE=MyISAM;
`

describe('readDump', () => {
  it('reads MySQL string escapes and doubled quotes', () => {
    const sql = `${CREATE}INSERT INTO \`t\` VALUES (1,'a\\'b \\"c\\" d\\\\e','x'),(2,'l1\\nl2\\r\\t|\\0|\\Z|it''s|\\%',NULL);`
    const rows = readDump(sql, all).get('t')!
    expect(rows).toEqual([
      { id: 1, s: 'a\'b "c" d\\e', n: 'x' },
      { id: 2, s: "l1\nl2\r\t|\0|\x1a|it's|\\%", n: null },
    ])
  })

  it('reads NULL, numbers, hex literals and _binary strings', () => {
    const sql = `${CREATE}INSERT INTO t VALUES (-7,0x48C3A0204EE1BB9969,12.50),(9007199254740993,_binary 'ab\\'c',X'4869'),(3,0x,1e3);`
    expect(readDump(sql, all).get('t')).toEqual([
      { id: -7, s: 'Hà Nội', n: 12.5 },
      { id: '9007199254740993', s: "ab'c", n: 'Hi' },
      { id: 3, s: '', n: 1000 },
    ])
  })

  it('skips comments, SET and LOCK lines, and reads statements split over lines', () => {
    const sql = [
      '-- MySQL dump 10.13',
      '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;',
      '# a hash comment; with a semicolon',
      CREATE,
      'LOCK TABLES `t` WRITE;',
      '/*!40000 ALTER TABLE `t` DISABLE KEYS */;',
      'INSERT INTO `t`',
      "  VALUES (1, /* inline */ 'x),(y;z', 1),",
      '  -- a comment between rows',
      "  (2,'--not a comment /* nor this */',2);",
      'UNLOCK TABLES;',
      "SET @a = 'x;y';",
    ].join('\n')
    expect(readDump(sql, all).get('t')).toEqual([
      { id: 1, s: 'x),(y;z', n: 1 },
      { id: 2, s: '--not a comment /* nor this */', n: 2 },
    ])
  })

  it('maps --complete-insert column lists by name and keeps only wanted tables', () => {
    const sql = `${CREATE}INSERT INTO \`t\` (\`n\`, \`id\`, \`s\`) VALUES (5,1,'a'),(6,2,'b');
INSERT INTO \`other\` VALUES (1,2,3);
REPLACE INTO \`db\`.\`u\` (\`k\`) VALUES ('v');`
    const tables = readDump(sql, (t) => t !== 'other')
    expect(tables.get('t')).toEqual([
      { id: 1, s: 'a', n: 5 },
      { id: 2, s: 'b', n: 6 },
    ])
    expect(tables.get('u')).toEqual([{ k: 'v' }])
    expect(tables.has('other')).toBe(false)
  })

  it('follows the DELIMITER command of dumps with routines', () => {
    const sql = `${CREATE}DELIMITER ;;
/*!50003 CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET @a = 1; END */;;
DELIMITER ;
INSERT INTO t VALUES (1,'a;b',2);`
    expect(readDump(sql, all).get('t')).toEqual([{ id: 1, s: 'a;b', n: 2 }])
  })

  it('refuses truncated dumps, rows that do not fit, and INSERTs without known columns', () => {
    expect(() => readDump(`${CREATE}INSERT INTO t VALUES (1,'abc`, all)).toThrow(SqlDumpError)
    expect(() => readDump(`${CREATE}INSERT INTO t VALUES (1,'a');`, all)).toThrow(
      /2 values for the 3 columns of t/,
    )
    expect(() => readDump('INSERT INTO x VALUES (1);', all)).toThrow(/--complete-insert/)
  })

  it('gives the same rows whole and in chunks of any size', () => {
    const whole = flat(readDump(dump, all))
    expect(whole.length).toBe(49)
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(chunked(dump, size)).toEqual(whole)
  })

  it('decodes UTF-8 bytes split across chunks', async () => {
    const bytes = new TextEncoder().encode(dump)
    const pieces: Uint8Array[] = []
    for (let i = 0; i < bytes.length; i += 5) pieces.push(bytes.subarray(i, i + 5))
    const tables = await readDumpChunks(pieces, nukevietWanted())
    expect(flat(tables)).toEqual(flat(readDump(dump, nukevietWanted())))
    expect(tables.get('nv4_vi_news_cat')![1]!.title).toBe('Thời sự trong nước')
  })
})

describe('parseNukeViet', () => {
  const bundle = parseNukeViet(dump)
  const article = (id: string) => bundle.articles.find((a) => a.sourceId === id)!

  it('names the source and counts what it read', () => {
    expect(bundle.source.kind).toBe('nukeviet')
    expect(bundle.source.name).toBe('nukeviet:nv4_vi_news')
    expect(bundle.categories.map((c) => c.sourceId)).toEqual(['1', '2', '3', '4'])
    expect(bundle.articles.map((a) => a.sourceId)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '10',
      '12',
      '13',
    ])
    expect(bundle.comments.map((c) => c.sourceId)).toEqual(['1', '2', '3', '4', '6'])
    expect(bundle.skipped).toEqual([
      { kind: 'article', sourceId: '9', reason: 'empty body' },
      { kind: 'article', sourceId: '11', reason: 'missing title' },
      { kind: 'comment', sourceId: '7', reason: 'article skipped' },
      { kind: 'comment', sourceId: '8', reason: 'missing article' },
    ])
  })

  it('reads categories with nesting, order, decoded names and old addresses', () => {
    const [tin, thoiSu, suKien, vanBan] = bundle.categories
    expect(thoiSu).toMatchObject({ name: 'Thời sự trong nước', parentId: '1', position: 2 })
    expect(tin!.parentId).toBeNull()
    expect(suKien).toMatchObject({ name: 'Tin tức & Sự kiện', alias: 'tin_tuc', position: 4 })
    expect(vanBan!.position).toBe(3)
    expect(tin!.oldPaths).toEqual([
      '/news/tin-tuc',
      '/vi/news/tin-tuc',
      // As the home module (rewrite_op_mod): `/Tin-tuc/` keys as `/tin-tuc`.
      '/tin-tuc',
      '/vi/tin-tuc',
      '/index.php/news/tin-tuc',
      '/index.php/vi/news/tin-tuc',
      '/index.php/tin-tuc',
      legacyKey('/index.php?language=vi&nv=news&op=tin-tuc'),
    ])
  })

  it('normalises titles to NFC and decodes NukeViet entities', () => {
    const nfd = article('2').title
    expect(nfd).toBe('Thông báo lịch tiếp công dân tháng 6'.normalize('NFC'))
    expect(nfd).toBe(nfd.normalize('NFC'))
    expect(dump.includes('Thông báo lịch tiếp công dân tháng 6'.normalize('NFD'))).toBe(true)
    expect(article('1').title).toBe('Hà Nội khởi công cầu Trần Hưng Đạo (giai đoạn 1)')
    expect(article('3').title).toBe('Đề án "Phố đi bộ" & chợ đêm Thường Tín')
    expect(article('3').author).toBe("Hoàng 'Lan'")
  })

  it('reads times, statuses and views', () => {
    expect(article('1').publishedAt?.getTime()).toBe(1715736600 * 1000)
    expect(article('1')).toMatchObject({ status: 'published', views: 1234, rawDate: '1715736600' })
    expect(article('6').status).toBe('draft')
    expect(article('13').status).toBe('draft')
    expect(article('7')).toMatchObject({ status: 'published', rawDate: '1798765200' })
    expect(article('7').publishedAt?.toISOString()).toBe('2027-01-01T01:00:00.000Z')
    expect(article('10').status).toBe('published')
    expect(article('8')).toMatchObject({ publishedAt: null, rawDate: '0', status: 'published' })
  })

  it('gives an article an old address under every category it is listed in', () => {
    const paths = article('1').oldPaths
    for (const cat of ['thoi-su-trong-nuoc', 'tin-tuc']) {
      expect(paths).toContain(`/news/${cat}/ha-noi-khoi-cong-cau-tran-hung-dao-1.html`)
      expect(paths).toContain(`/vi/news/${cat}/ha-noi-khoi-cong-cau-tran-hung-dao-1.html`)
      // The news module as the home module (rewrite_op_mod), and index.php/ path info.
      for (const prefix of ['', '/vi', '/index.php', '/index.php/news', '/index.php/vi/news']) {
        expect(paths).toContain(`${prefix}/${cat}/ha-noi-khoi-cong-cau-tran-hung-dao-1.html`)
      }
      const q = legacyKey(
        `/index.php?language=vi&nv=news&op=${cat}/ha-noi-khoi-cong-cau-tran-hung-dao-1`,
      )
      expect(paths).toContain(q)
    }
    expect(paths).toContain('/index.php?nv=news&op=tin-tuc%2Fha-noi-khoi-cong-cau-tran-hung-dao-1')
    expect(paths).toHaveLength(16)
    expect(article('4').alias).toBe(article('5').alias)
    expect(article('4').oldPaths[0]).toBe('/news/tin-tuc/thong-bao-tuyen-dung-4.html')
    expect(article('5').oldPaths[0]).toBe('/news/van-ban-chinh-sach/thong-bao-tuyen-dung-5.html')
    expect(article('12')).toMatchObject({ categoryId: null, oldPaths: [], bodyHtml: '' })
  })

  it('reads bodies as stored, cover, attachments, source and tags', () => {
    expect(article('2').bodyHtml).toContain('<script>alert(1)</script>')
    expect(article('3').bodyHtml).toContain('<p><b>bold <i>both</p>')
    expect(article('3').bodyHtml).toContain('C:\\thu-muc\\.')
    expect(article('3').leadHtml).toBe(
      'Phố đi bộ mở cửa (tối thứ Bảy),(Chủ nhật); chợ đêm đến 23h.',
    )
    expect(article('1').cover).toEqual({
      src: '/uploads/news/2024_05/anh-bia.jpg',
      alt: 'Phối cảnh cầu Trần Hưng Đạo',
    })
    expect(article('5').cover).toEqual({
      src: 'https://cdn.hanoimoi.vn/images/tuyen-dung.jpg',
      alt: '',
    })
    expect(article('2').cover).toBeNull()
    expect(article('1').attachments).toEqual(['/uploads/news/2024_05/van-ban.pdf'])
    expect(article('1').source).toBe('Báo Hà Nội Mới')
    expect(article('2').source).toBe('thuongtin.hanoi.gov.vn')
    expect(article('3').source).toBe('Cổng TTĐT huyện Thường Tín')
    expect(article('1').tags).toEqual(['Xây dựng nông thôn mới', 'giao thông', 'Hà Nội'])
    expect(article('5').tags).toEqual(['tuyển dụng'])
    expect(article('12').commentsEnabled).toBe(false)
    expect(article('1').commentsEnabled).toBe(true)
  })

  it('reads the comments of this module only', () => {
    const [c1, c2, c3, c4, c6] = bundle.comments
    expect(c1).toEqual({
      sourceId: '1',
      articleId: '1',
      name: 'Nguyễn Văn An',
      email: 'an.nguyen@example.vn',
      phone: '',
      title: '',
      content: 'Rất mong cầu sớm hoàn thành!',
      status: 'approved',
      createdAt: new Date(1715774700 * 1000),
      rawDate: '1715774700',
    })
    expect(c2).toMatchObject({ status: 'pending', phone: '', email: '' })
    expect(c2!.content).toContain('0912 345 678')
    expect(c3!.status).toBe('rejected')
    expect(c4).toMatchObject({
      name: 'Lê "Cường"',
      content: 'Ý kiến: "nên mở rộng" – cảm ơn\nban biên tập',
    })
    expect(c6).toMatchObject({ articleId: '7', createdAt: null, rawDate: '0' })
    expect(bundle.comments.some((c) => c.content.includes('giới thiệu'))).toBe(false)
  })

  it('refuses a dump cut between two tables instead of importing half of it, or nothing', () => {
    // Cut just before the _rows table: categories and bodies, no articles.
    const beforeRows = dump.slice(
      0,
      dump.indexOf('-- Table structure for table `nv4_vi_news_rows`'),
    )
    expect(beforeRows.length).toBeGreaterThan(1000)
    expect(() => parseNukeViet(beforeRows)).toThrow(/no rows of nv4_vi_news_rows: it was cut short/)
    // The _detail table (the bodies) left out, as a cut dump of other order would.
    const withoutDetail = dump.replace(/INSERT INTO `nv4_vi_news_detail`[^\n]*\n/, '')
    expect(() => parseNukeViet(withoutDetail)).toThrow(
      /articles in nv4_vi_news_rows but no rows of nv4_vi_news_detail \(their bodies\): it was cut short/,
    )
    // The wrong module name reads as the same: nothing of that module is in the dump.
    expect(() => parseNukeViet(dump, { module: 'tin' })).toThrow(/--module tin/)
  })

  it('reads other prefixes, languages and module names', () => {
    const renamed = dump.replaceAll('nv4_vi_news_', 'site_en_tin_').replaceAll("'news'", "'tin'")
    const other = parseNukeViet(renamed, { prefix: 'site', lang: 'en', module: 'tin' })
    expect(other.source.name).toBe('nukeviet:site_en_tin')
    expect(other.articles).toHaveLength(11)
    expect(other.comments).toHaveLength(0) // comments stay in nv4_vi_comment
    expect(other.articles[0]!.oldPaths[1]).toBe(
      '/en/tin/thoi-su-trong-nuoc/ha-noi-khoi-cong-cau-tran-hung-dao-1.html',
    )
    expect(other.articles[0]!.cover!.src).toBe('/uploads/tin/2024_05/anh-bia.jpg')
  })
})

describe('nukevietUploadPath', () => {
  it('names the file under uploads/ for any host or none', () => {
    expect(nukevietUploadPath('/uploads/news/2024_05/anh-1.jpg')).toBe('news/2024_05/anh-1.jpg')
    expect(nukevietUploadPath('http://thuongtin.hanoi.gov.vn/uploads/news/2024_05/anh-2.png')).toBe(
      'news/2024_05/anh-2.png',
    )
    expect(nukevietUploadPath('//cdn.site.vn/uploads/news/a%20b.jpg?v=2#x')).toBe('news/a b.jpg')
    expect(nukevietUploadPath('https://x.vn/sub/uploads/news/uploads/a.jpg')).toBe(
      'news/uploads/a.jpg',
    )
    expect(nukevietUploadPath('uploads/news/%E1%BA%A3nh.jpg')).toBe('news/ảnh.jpg')
    expect(nukevietUploadPath('https://cdn.hanoimoi.vn/images/tuyen-dung.jpg')).toBeNull()
    expect(nukevietUploadPath('/uploads/../config.php')).toBeNull()
    expect(nukevietUploadPath('/uploads/')).toBeNull()
    expect(nukevietUploadPath('javascript:alert(1)//uploads/x')).toBeNull()
  })
})
