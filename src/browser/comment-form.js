// The comment form's security code: the ALTCHA widget, served from this origin, with
// Vietnamese texts; and the "Lấy lại mã bảo mật" button, which asks for a fresh challenge.
const altchaBox = document.querySelector('[data-captcha="altcha"]')
const refresh = document.querySelector('[data-captcha-refresh]')

const VI = {
  ariaLinkLabel: 'ALTCHA',
  cancel: 'Hủy',
  enterCode: 'Nhập mã',
  enterCodeAria: 'Nhập mã bạn nghe được. Nhấn phím cách để nghe lại.',
  enterCodeFromImage: 'Để tiếp tục, vui lòng nhập mã trong hình bên dưới.',
  error: 'Không kiểm tra được mã xác nhận. Vui lòng bấm "Lấy lại mã bảo mật".',
  expired: 'Mã xác nhận đã hết hạn. Vui lòng bấm "Lấy lại mã bảo mật".',
  footer: '',
  getAudioChallenge: 'Nghe mã',
  label: 'Tôi không phải là người máy',
  loading: 'Đang tải...',
  reload: 'Tải lại',
  verificationRequired: 'Vui lòng hoàn thành mã xác nhận.',
  verified: 'Đã xác nhận',
  verify: 'Xác nhận',
  verifying: 'Đang kiểm tra...',
  waitAlert: 'Đang kiểm tra mã xác nhận, vui lòng chờ trong giây lát.',
}

/**
 * Loads the widget (35 KB) and starts it; once per page. Only a reader who comes to the form
 * pays for it: on a page read and left, nothing is fetched (no script, no challenge).
 */
let widgetLoading = null
function loadWidget() {
  widgetLoading ??= (async () => {
    // The widget's URL carries its content hash; the page names it.
    await import(altchaBox.dataset.widget)
    globalThis.$altcha.i18n.set('vi', VI)
    const widget = document.createElement('altcha-widget')
    widget.setAttribute('challenge', altchaBox.dataset.challenge)
    widget.setAttribute('name', 'altcha')
    widget.setAttribute('language', 'vi')
    // The reader is in the form by now: start at once, so the code is ready on submit.
    widget.setAttribute('auto', 'onload')
    widget.setAttribute('configuration', JSON.stringify({ hideFooter: true, hideLogo: true }))
    altchaBox.append(widget)
    return widget
  })()
  return widgetLoading
}

if (altchaBox) {
  const form = altchaBox.closest('form')
  // Already in the form (a rejected form comes back focused on its first wrong field; the
  // browser's autofill may have filled it): load now. Otherwise at the first touch of it.
  const started =
    form?.contains(document.activeElement) ||
    [...(form?.querySelectorAll('input:not([type=hidden]), textarea') ?? [])].some((f) => f.value)
  if (started) loadWidget()
  else {
    for (const type of ['focusin', 'pointerdown', 'input']) {
      form?.addEventListener(type, loadWidget, { once: true, passive: true })
    }
  }
  refresh?.addEventListener('click', async () => {
    const widget = await loadWidget()
    widget.reset()
    widget.verify()
  })
} else if (refresh) {
  refresh.addEventListener('click', () => globalThis.turnstile?.reset())
}
