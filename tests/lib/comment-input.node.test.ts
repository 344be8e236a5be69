import { describe, expect, it } from 'vitest'
import { parseCommentForm } from '../../src/lib/comment-input'
import { PHONE_MESSAGE } from '../../src/lib/phone'
import { cleanText, textLength } from '../../src/lib/text'

describe('cleanText', () => {
  it('trims, folds whitespace on one line and keeps newlines in multi-line text', () => {
    expect(cleanText('  Nguyễn   Văn\tA  ')).toBe('Nguyễn Văn A')
    expect(cleanText(' dòng 1\r\ndòng 2\rdòng 3 ', { multiline: true })).toBe(
      'dòng 1\ndòng 2\ndòng 3',
    )
  })

  it('stores decomposed Vietnamese as NFC', () => {
    const nfd = 'Thường Tín'.normalize('NFD')
    expect(nfd).not.toBe('Thường Tín')
    expect(cleanText(nfd)).toBe('Thường Tín')
  })

  it('removes control characters and bidi overrides, and replaces lone surrogates', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe')).toBe('abcde')
    expect(cleanText('abc\u202edef')).toBe('abcdef')
    expect(cleanText('x\ud800y')).toBe('x\ufffdy')
    expect(cleanText('emoji 👍 ok')).toBe('emoji 👍 ok')
  })

  it('counts code points', () => {
    expect(textLength('👍👍')).toBe(2)
    expect(textLength('Việt')).toBe(4)
  })
})

describe('parseCommentForm', () => {
  const valid = { name: 'Lê Văn Tám', phone: '', title: 'Góp ý', content: 'Nội dung' }

  it('accepts a valid form and normalises the phone', () => {
    const result = parseCommentForm({ ...valid, phone: '+84 912.345-678' })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.comment.phone).toBe('+84912345678')
  })

  it('reports each missing or too-long field in Vietnamese and keeps the values', () => {
    const result = parseCommentForm({
      name: '   ',
      phone: '123',
      title: 't'.repeat(201),
      content: '',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({
      name: 'Vui lòng nhập họ tên.',
      phone: PHONE_MESSAGE,
      title: 'Tiêu đề không được dài quá 200 ký tự.',
      content: 'Vui lòng nhập nội dung.',
    })
    expect(result.values.title).toBe('t'.repeat(201))
    expect(result.values.phone).toBe('123')
  })

  it('accepts limits exactly and counts emoji once', () => {
    const result = parseCommentForm({
      ...valid,
      name: 'n'.repeat(100),
      title: '👍'.repeat(200),
      content: 'c'.repeat(4000),
    })
    expect(result.ok).toBe(true)
    expect(parseCommentForm({ ...valid, content: 'c'.repeat(4001) }).ok).toBe(false)
    expect(parseCommentForm({ ...valid, name: 'n'.repeat(101) }).ok).toBe(false)
  })

  it('treats repeated fields and files as their first text value', () => {
    const result = parseCommentForm({ ...valid, name: ['Một', 'Hai'], title: new File(['x'], 'x') })
    expect(result.values.name).toBe('Một')
    expect(result.ok).toBe(false)
  })
})
