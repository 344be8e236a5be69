/**
 * XML exports in the encodings Vietnamese sites still have (declared ISO-8859-1, Windows-1258,
 * TCVN3) read as the text they hold; an undeclared non-UTF-8 file refused with where and what to
 * do; files cut short or with broken CDATA refused with a message an operator can act on.
 */
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeExport, ExportEncodingError } from '../../scripts/lib/export-text'
import { parseFeed } from '../../src/import/sources/feed'
import { parseWordPress } from '../../src/import/sources/wordpress'

const TITLES = ['Thường Tín tổ chức hội nghị', 'Khởi công cầu Trần Hưng Đạo']

const rss = (encoding: string | null, titles: string[]) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?>\n<rss version="2.0"><channel><title>Cổng</title><link>https://old.site.vn/</link>${titles
    .map(
      (t, i) =>
        `<item><title>${t}</title><link>https://old.site.vn/tin/${i + 1}.html</link><description>&lt;p&gt;${t} - nội dung.&lt;/p&gt;</description></item>`,
    )
    .join('')}</channel></rss>\n`

/**
 * Vietnamese as Windows-1258 writes it: letters with circumflex, breve or horn precomposed
 * (â, ơ, ư…), tone marks as combining characters after them (Microsoft's code page 1258).
 */
const cp1258Form = (text: string) =>
  text.normalize('NFD').replace(/(\p{L})(\p{M}+)/gu, (_, base: string, marks: string) => {
    const shape = [...marks].filter((m) => '\u0302\u0306\u031b'.includes(m)).join('')
    const tones = [...marks].filter((m) => !'\u0302\u0306\u031b'.includes(m)).join('')
    return (base + shape).normalize('NFC') + tones
  })

const titlesOf = (text: string) => parseFeed(text).articles.map((a) => a.title)

describe('the encoding of an XML export', () => {
  it('reads a declared Windows-1258 and TCVN3 file as the Vietnamese it holds', () => {
    for (const [label, iconvName] of [
      ['windows-1258', 'windows-1258'],
      ['TCVN3', 'tcvn'],
    ] as const) {
      const xml = rss(label, TITLES)
      const bytes = iconv.encode(label === 'windows-1258' ? cp1258Form(xml) : xml, iconvName)
      expect(new TextDecoder().decode(bytes)).toContain('\uFFFD')
      // Every character had a byte in the encoding (iconv writes `?` for one that has not).
      expect(iconv.decode(bytes, iconvName).replace(/^<\?xml[^>]*\?>/, '')).not.toContain('?')
      const { text, encoding } = decodeExport(bytes)
      expect(encoding, label).toBe(iconvName)
      expect(titlesOf(text), label).toEqual(TITLES)
    }
  })

  it('reads a declared ISO-8859-1 feed without U+FFFD', () => {
    const bytes = iconv.encode(rss('ISO-8859-1', ['Café à Paris', 'Señor Müller']), 'latin1')
    const { text } = decodeExport(bytes)
    expect(titlesOf(text)).toEqual(['Café à Paris', 'Señor Müller'])
    expect(text).not.toContain('\uFFFD')
  })

  it('refuses an undeclared Latin-1 file, saying where and what to do, and --encoding reads it', () => {
    const bytes = iconv.encode(cp1258Form(rss(null, ['Dòng một', 'Café'])), 'windows-1258')
    expect(() => decodeExport(bytes)).toThrow(ExportEncodingError)
    expect(() => decodeExport(bytes)).toThrow(
      /declares no encoding and is not UTF-8 at line 2, column \d+.*--encoding/,
    )
    expect(titlesOf(decodeExport(bytes, 'windows-1258').text)).toEqual(['Dòng một', 'Café'])
  })

  it('reads UTF-8 with or without a BOM, and refuses an encoding it does not know', () => {
    const utf8 = new TextEncoder().encode(rss(null, TITLES))
    expect(titlesOf(decodeExport(utf8).text)).toEqual(TITLES)
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])
    expect(titlesOf(decodeExport(withBom).text)).toEqual(TITLES)
    expect(() => decodeExport(new TextEncoder().encode(rss('EBCDIC', TITLES)))).toThrow(
      /"EBCDIC", which the importer does not read/,
    )
  })
})

describe('an XML export cut short or not well-formed', () => {
  const wxr = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Site</title><wp:base_site_url>https://old.site.vn</wp:base_site_url>
<item><title>Bài một</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<content:encoded><![CDATA[<p>Nội dung bài một, đủ dài.</p>]]></content:encoded></item>
</channel></rss>`

  it('says a file cut inside an element was cut short, not a parser position', () => {
    const cut = wxr.slice(0, wxr.indexOf('Nội dung') + 4)
    expect(() => parseWordPress(cut)).toThrow(
      /WordPress export cut short: no closing <\/rss> \(the file ends at line 5\)/,
    )
    const feed = rss(null, TITLES)
    expect(() => parseFeed(feed.slice(0, feed.indexOf('<title>Khởi') + 9))).toThrow(
      /Feed cut short/,
    )
  })

  it('refuses a CDATA section never closed and a "]]>" outside CDATA, naming the line', () => {
    expect(() =>
      parseWordPress(wxr.replace(']]></content:encoded>', ']]</content:encoded>')),
    ).toThrow(/CDATA section at line 5 is never closed/)
    expect(() => parseWordPress(wxr.replace('đủ dài.</p>]]>', 'a]]>b đủ dài.</p>]]>'))).toThrow(
      /"\]\]>" outside a CDATA section at line 5/,
    )
    expect(parseWordPress(wxr).articles).toHaveLength(1)
  })
})
