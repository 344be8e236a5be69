import { describe, expect, it } from 'vitest'
import {
  parseVariantKey,
  srcsetFor,
  variantKey,
  variantWidths,
} from '../../src/media/image-variants'

const KEY = 'anh/2026/11/abcdefghijklmnopqrstuv.jpg'

describe('image variants', () => {
  it.each([
    [200, []],
    [320, []],
    [321, [320]],
    [480, [320]],
    [1280, [320, 640, 960]],
    [1600, [320, 640, 960, 1280]],
    [6000, [320, 640, 960, 1280]],
  ])('an image %i px wide gets copies at %j px, never enlarged', (width, widths) => {
    expect(variantWidths(width)).toEqual(widths)
  })

  it('names copies beside the original and reads the names back', () => {
    expect(variantKey(KEY, 640)).toBe(`${KEY}.w640.webp`)
    expect(parseVariantKey(`${KEY}.w640.webp`)).toEqual({ original: KEY, width: 640 })
    for (const bad of [
      `${KEY}.w641.webp`, // not a width we make
      `${KEY}.w640.png`,
      `anh/2026/11/abcdefghijklmnopqrstuv.gif.w320.webp`, // GIFs get no copies
      `tep/2026/11/abcdefghijklmnopqrstuv.pdf.w320.webp`, // nor attachments
      `anh/../../x.jpg.w320.webp`,
      `${KEY}.w640.webp.w320.webp`,
      // Only the stored spelling: zero-padded widths would each be made and cached again.
      `${KEY}.w0640.webp`,
      `${KEY}.w01280.webp`,
      `${KEY}.w000320.webp`,
    ]) {
      expect(parseVariantKey(bad), bad).toBeNull()
    }
  })

  it('offers the copies with their real widths, and the original unless it is huge', () => {
    expect(srcsetFor(KEY, 1600)).toBe(
      `/media/${KEY}.w320.webp 320w, /media/${KEY}.w640.webp 640w, /media/${KEY}.w960.webp 960w, /media/${KEY}.w1280.webp 1280w, /media/${KEY} 1600w`,
    )
    expect(srcsetFor(KEY, 4000)).not.toContain(`/media/${KEY} 4000w`)
    expect(srcsetFor(KEY, 300)).toBe('')
    expect(srcsetFor('anh/2026/11/abcdefghijklmnopqrstuv.gif', 1600)).toBe('')
  })
})
