// What Word and LibreOffice put on the clipboard, made readable by the editor's schema, which
// then drops everything it has no rule for (styles, classes, spans, scripts, comments).
// Word writes a list as paragraphs (class MsoListParagraph…, style mso-list) whose bullet or
// number is text inside a span marked mso-list:Ignore; those become real lists here.

const isWordListItem = (p) =>
  p.tagName === 'P' &&
  (/\bMsoListParagraph/.test(p.className) || /mso-list:\s*l\d/i.test(p.getAttribute('style') ?? ''))

/** Elements whose content is never text for the article (dropped with what they hold). */
const DROPPED =
  'script, style, template, iframe, object, embed, frame, frameset, svg, math, noscript'

/**
 * Pasted HTML (a string) made inert and readable: read in a document of its own (DOMParser
 * runs no scripts and loads nothing), event handler attributes and active elements removed,
 * so ProseMirror's own parse, which reads it in a document that does load images, never meets
 * an `onerror`; and Word's list paragraphs turned into <ul>/<ol>. The schema then keeps only
 * what it has rules for.
 */
export function cleanPastedHtml(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  for (const p of [...doc.body.querySelectorAll('p')]) {
    if (!isWordListItem(p) || !p.isConnected) continue
    // A run of consecutive list paragraphs becomes one list.
    const run = [p]
    let next = p.nextElementSibling
    while (next && isWordListItem(next)) {
      run.push(next)
      next = next.nextElementSibling
    }
    const marker = p.querySelector('span[style*="mso-list"]')?.textContent?.trim() ?? ''
    const list = doc.createElement(/^[0-9ivxlc]+[.)]$/i.test(marker) ? 'ol' : 'ul')
    for (const item of run) {
      for (const m of item.querySelectorAll('span[style*="mso-list"]')) m.remove()
      const li = doc.createElement('li')
      li.innerHTML = item.innerHTML
      list.append(li)
    }
    p.before(list)
    for (const item of run) item.remove()
  }
  // Inline styles stay: the editor reads bold and italic from them (Google Docs writes
  // <span style="font-weight:700">); the schema keeps no style attribute.
  for (const el of doc.querySelectorAll(DROPPED)) el.remove()
  for (const el of doc.body.querySelectorAll('*')) {
    for (const { name } of [...el.attributes]) if (/^on/i.test(name)) el.removeAttribute(name)
  }
  return doc.body.innerHTML
}
