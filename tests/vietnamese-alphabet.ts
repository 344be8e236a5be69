/**
 * Every accented letter of the Vietnamese alphabet (67 lower-case, 67 upper-case: 134) with the
 * plain letter it folds to, and the look-alikes that stand for đ/Đ in text from legacy
 * encodings and some keyboards. Shared by the slug, search-index and query tests.
 */
const FAMILIES: Record<string, string> = {
  a: 'àáảãạăằắẳẵặâầấẩẫậ',
  e: 'èéẻẽẹêềếểễệ',
  i: 'ìíỉĩị',
  o: 'òóỏõọôồốổỗộơờớởỡợ',
  u: 'ùúủũụưừứửữự',
  y: 'ỳýỷỹỵ',
  d: 'đ',
}

/** [letter as NFC, the plain lower-case letter it folds to]. */
export const ACCENTED_LETTERS: [string, string][] = Object.entries(FAMILIES).flatMap(
  ([plain, letters]) =>
    [...letters].flatMap((l): [string, string][] => [
      [l, plain],
      [l.toUpperCase(), plain],
    ]),
)

/** Letters that look like đ/Đ and mean it: Ð U+00D0, ð U+00F0, Ɖ U+0189, ɖ U+0256. */
export const D_LOOKALIKES: [string, string][] = [
  ['\u00d0', 'd'],
  ['\u00f0', 'd'],
  ['\u0189', 'd'],
  ['\u0256', 'd'],
]
