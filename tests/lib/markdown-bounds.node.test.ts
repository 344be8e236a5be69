import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { seedArticle } from '../../src/content/seed-article'
import { imagesWithoutAlt, renderMarkdown } from '../../src/lib/markdown'
import { boundMarkdown, MAX_DELIMITERS_PER_BLOCK, MAX_NESTING } from '../../src/lib/markdown-bounds'

const count = (html: string, tag: string) => html.split(`<${tag}>`).length - 1

describe('bounds on what a body makes the renderer do', () => {
  it('leaves a normal article as it is', () => {
    expect(boundMarkdown(seedArticle.body)).toBe(seedArticle.body)
    const normal = '> Trích **dẫn** _nghiêng_\n\n- một\n  - hai\n    > ba'
    expect(boundMarkdown(normal)).toBe(normal)
  })

  it('opens at most MAX_NESTING quotes on a line; the rest is shown as typed', () => {
    const html = renderMarkdown(`${'>'.repeat(MAX_NESTING + 4)} sâu`)
    expect(count(html, 'blockquote')).toBe(MAX_NESTING)
    expect(html).toContain('&gt;&gt;&gt;&gt; sâu')
  })

  it('renders 200,000 nested quotes and lists without overflowing the stack', () => {
    for (const text of ['>'.repeat(199_000), '> '.repeat(99_500), '> - '.repeat(49_750)]) {
      expect(() => renderMarkdown(text)).not.toThrow()
      expect(() => imagesWithoutAlt(text)).not.toThrow()
    }
  })

  it('shows a block with more than MAX_DELIMITERS_PER_BLOCK emphasis markers as typed', () => {
    const flood = '*a'.repeat(MAX_DELIMITERS_PER_BLOCK + 1)
    const html = renderMarkdown(`Đoạn *đầu* vẫn nghiêng.\n\n${flood}`)
    expect(count(html, 'em')).toBe(1)
    expect(html).toContain('*a*a*a')
    // At the bound, emphasis is still emphasis.
    expect(count(renderMarkdown('*a* '.repeat(MAX_DELIMITERS_PER_BLOCK / 2)), 'em')).toBe(
      MAX_DELIMITERS_PER_BLOCK / 2,
    )
  })

  it('leaves fenced code alone, however many markers it holds', () => {
    const code = '```\n' + '*_'.repeat(2000) + '\n```'
    expect(boundMarkdown(code)).toBe(code)
    expect(renderMarkdown(code)).toContain('*_*_*_')
  })

  it('never throws on any mix of Markdown markers', () => {
    const marker = fc.constantFrom(
      '*',
      '_',
      '>',
      '-',
      '+',
      '1.',
      ' ',
      '\n',
      '\n\n',
      '`',
      '```',
      '[',
      ']',
      '(',
      ')',
      '!',
      '#',
      '|',
      '~',
      '\\',
      '<',
      'a',
      'ă',
    )
    fc.assert(
      fc.property(fc.array(marker, { maxLength: 3000 }), (parts) => {
        const text = parts.join('')
        expect(typeof renderMarkdown(text)).toBe('string')
        imagesWithoutAlt(text)
      }),
      { numRuns: 200 },
    )
  })
})
