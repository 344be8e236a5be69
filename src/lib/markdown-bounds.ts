/**
 * Bounds on what one Markdown body may make the renderer (marked) do, applied before it reads
 * the text. Within the body limit (200,000 characters), crafted text made marked run for
 * minutes or overflow the stack (measured here in Node: 99,500 characters of `_a` 47 s, of
 * `*a` 11 s; 2,000 nested `>` "Maximum call stack size exceeded"). Past a bound the markers are
 * shown as text, as typed; a normal article is far inside every bound and is left unchanged.
 */

/**
 * Deepest nesting of containers (quotes `>`, list items `-`, `*`, `+`, `1.`) opened on one
 * line: marked recurses once per level.
 */
export const MAX_NESTING = 16

/**
 * Most emphasis delimiters (`*`, `_`) one block (lines between blank lines) may hold: marked's
 * emphasis matching grows with the square of their number (4,000: 40 ms; 99,500: seconds).
 */
export const MAX_DELIMITERS_PER_BLOCK = 1000

const FENCE = /^ {0,3}(`{3,}|~{3,})/
/** One container marker at the start of a line (after what came before it). */
const CONTAINER = / {0,3}(>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/y

/** `line` with the container marker past MAX_NESTING escaped, so it and the rest are text. */
function boundNesting(line: string): string {
  CONTAINER.lastIndex = 0
  for (let depth = 0; ; depth++) {
    const at = CONTAINER.lastIndex
    const m = CONTAINER.exec(line)
    if (!m) return line
    if (depth === MAX_NESTING) {
      const marker = at + m[0].indexOf(m[1]!)
      // A backslash before the marker's last character: `\>`, `\-`, `12\.`.
      const cut = marker + m[1]!.length - 1
      return `${line.slice(0, cut)}\\${line.slice(cut)}`
    }
  }
}

/** Every unescaped `*` and `_` of `block` escaped: shown as typed, not as emphasis. */
const escapeDelimiters = (block: string) => block.replace(/(?<!\\)[*_]/g, '\\$&')

const delimiterCount = (text: string) => {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (ch === 42 || ch === 95) n++
  }
  return n
}

/**
 * `markdown` within MAX_NESTING and MAX_DELIMITERS_PER_BLOCK (fenced code left as it is).
 * Input: a body of any length; output: the same text, or with the markers past a bound
 * escaped. Linear in the input.
 */
export function boundMarkdown(markdown: string): string {
  const lines = markdown.split('\n')
  const out: string[] = []
  let fence: string | null = null
  let block: string[] = []
  const endBlock = () => {
    if (block.length === 0) return
    const text = block.join('\n')
    out.push(delimiterCount(text) > MAX_DELIMITERS_PER_BLOCK ? escapeDelimiters(text) : text)
    block = []
  }
  for (const line of lines) {
    const opener = FENCE.exec(line)?.[1]
    if (fence !== null) {
      out.push(line)
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = null
      continue
    }
    if (opener) {
      endBlock()
      fence = opener
      out.push(line)
      continue
    }
    if (line.trim() === '') {
      endBlock()
      out.push(line)
      continue
    }
    block.push(boundNesting(line))
  }
  endBlock()
  return out.join('\n')
}
