import { describe, expect, it } from 'vitest'
import { foldVietnamese, isSlug, slugify, SLUG_MAX_LENGTH } from '../../src/lib/slug'

describe('slugify', () => {
  it.each([
    // The seed article's own URL.
    [
      'Thường Tín tổ chức các hoạt động thông tin đối ngoại năm 2020',
      'thuong-tin-to-chuc-cac-hoat-dong-thong-tin-doi-ngoai-nam-2020',
    ],
    // đ and Đ, lower and upper case.
    ['Đảng bộ đô thị Đông Đô', 'dang-bo-do-thi-dong-do'],
    ['ĐẠI HỘI ĐẢNG', 'dai-hoi-dang'],
    // The five tones plus the level tone, on several vowels.
    ['ma mà má mả mã mạ', 'ma-ma-ma-ma-ma-ma'],
    ['Thường Tín', 'thuong-tin'],
    ['THƯỜNG TÍN', 'thuong-tin'],
    ['ỨNG DỤNG CỦA TỪ ĐIỂN', 'ung-dung-cua-tu-dien'],
    ['Ổn định, phát triển: kinh tế – xã hội!', 'on-dinh-phat-trien-kinh-te-xa-hoi'],
    ['Khuyến học năm 2019 - 2020', 'khuyen-hoc-nam-2019-2020'],
    ['  “Chiến lược” 2011/2020  ', 'chien-luoc-2011-2020'],
    // Already-decomposed input (NFD) folds the same way as NFC.
    ['Thường Tín'.normalize('NFD'), 'thuong-tin'],
    ['ỳ ỷ ỹ ỵ ý', 'y-y-y-y-y'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug)
    expect(isSlug(slug)).toBe(true)
  })

  it('gives an empty slug when nothing usable is left', () => {
    expect(slugify('!!! ??? …')).toBe('')
    expect(slugify('')).toBe('')
  })

  it('cuts long titles at a word boundary', () => {
    const title = 'Hội nghị tổng kết công tác '.repeat(10)
    const slug = slugify(title)
    expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(slug.endsWith('-')).toBe(false)
    expect(slug.startsWith('hoi-nghi-tong-ket-cong-tac-hoi-nghi')).toBe(true)
    expect(slugify('a'.repeat(300)).length).toBe(SLUG_MAX_LENGTH)
  })
})

describe('foldVietnamese', () => {
  it('removes every mark and maps đ to d', () => {
    expect(foldVietnamese('Đường Đê Ầm Ĩ Ọ Ụ')).toBe('duong de am i o u')
  })
})

describe('isSlug', () => {
  it.each(['', '-a', 'a-', 'a--b', 'A', 'thường', 'a/b', '..', 'a'.repeat(SLUG_MAX_LENGTH + 1)])(
    'rejects %j',
    (value) => {
      expect(isSlug(value)).toBe(false)
    },
  )
})
