import { describe, expect, it } from 'vitest'
import { detectFileType, nameForType, type DetectedType } from '../../src/media/file-type'

const pdf = detectFileType(new TextEncoder().encode('%PDF-1.7\n'), 'x')!
const jpeg = detectFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'x')!
const docx: DetectedType = detectFileType(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'a.docx')!

describe('nameForType', () => {
  it.each([
    ['Quyet-dinh.html', pdf, 'Quyet-dinh.pdf'],
    ['Thong-bao.pdf.exe', pdf, 'Thong-bao.pdf'],
    ['x.svg', pdf, 'x.pdf'],
    ['Kế hoạch 242', pdf, 'Kế hoạch 242.pdf'],
    ['Kế hoạch 242.PDF', pdf, 'Kế hoạch 242.PDF'],
    ['Quyết định số 12.2026.html', pdf, 'Quyết định số 12.2026.pdf'],
    ['bao-cao.', pdf, 'bao-cao.pdf'],
    ['.html', pdf, 'tep-tin.pdf'],
    ['anh.jpeg', jpeg, 'anh.jpeg'],
    ['anh.png', jpeg, 'anh.jpg'],
    ['Bao cao.docx', docx, 'Bao cao.docx'],
  ])('%j as %s → %j', (name, type, expected) => {
    expect(nameForType(name, type)).toBe(expected)
  })
})
