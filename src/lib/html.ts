const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for use inside HTML elements and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)
}

/**
 * Whether a URL from user-written content is safe to put in `href`/`src`: relative URLs and the
 * http, https, mailto and tel schemes. Anything else (javascript:, data:, vbscript:, …) is not.
 */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so
  // judge the URL the way a browser would read it.
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact)
  if (!scheme) return !compact.startsWith('\\') && !compact.startsWith('/\\')
  return ['http', 'https', 'mailto', 'tel'].includes(scheme[1]!.toLowerCase())
}
