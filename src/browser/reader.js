// Text size (A−, A+), remembered in this browser.
const KEY = 'co-chu'
const SIZES = [87.5, 100, 112.5, 125, 150]
const root = document.documentElement

function apply(index) {
  const i = Math.max(0, Math.min(SIZES.length - 1, index))
  root.style.fontSize = `${SIZES[i]}%`
  try {
    localStorage.setItem(KEY, String(i))
  } catch {
    // Private browsing without storage: the size still applies to this page.
  }
  return i
}

let current = SIZES.indexOf(100)
try {
  // Nothing saved (null) is the stylesheet's own size: Number(null) is 0, the smallest size,
  // which every first visit used to get (and keep), its text shrinking after the first paint.
  const raw = localStorage.getItem(KEY)
  const saved = raw === null || raw.trim() === '' ? NaN : Number(raw)
  if (Number.isInteger(saved) && saved >= 0 && saved < SIZES.length && saved !== current) {
    current = apply(saved)
  }
} catch {
  // No storage: keep the default size.
}
for (const button of document.querySelectorAll('[data-font-step]')) {
  button.addEventListener('click', () => {
    current = apply(current + Number(button.dataset.fontStep))
  })
}

// One view per article and browser session, as NukeViet counts. The page itself may come from
// the edge cache, which never runs the portal's code, so the page reports the view.
const viewed = document.querySelector('[data-view-beacon]')
if (viewed) {
  const url = viewed.dataset.viewBeacon
  const key = `da-xem:${url}`
  let seen = false
  try {
    seen = sessionStorage.getItem(key) !== null
    sessionStorage.setItem(key, '1')
  } catch {
    // No storage: count this view; a reload may count again.
  }
  if (!seen) navigator.sendBeacon(url)
}
