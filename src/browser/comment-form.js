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

if (altchaBox) {
  // The widget's URL carries its content hash; the page names it.
  await import(altchaBox.dataset.widget)
  globalThis.$altcha.i18n.set('vi', VI)
  const widget = document.createElement('altcha-widget')
  widget.setAttribute('challenge', altchaBox.dataset.challenge)
  widget.setAttribute('name', 'altcha')
  widget.setAttribute('language', 'vi')
  // Start working as soon as the reader starts writing, so the code is ready on submit. The
  // widget arrives after the page, so a reader (or the browser's autofill) may already be in the
  // form, past the focus "onfocus" waits for: then it starts as soon as it loads.
  const form = altchaBox.closest('form')
  const started =
    form?.contains(document.activeElement) ||
    [...(form?.querySelectorAll('input:not([type=hidden]), textarea') ?? [])].some((f) => f.value)
  widget.setAttribute('auto', started ? 'onload' : 'onfocus')
  widget.setAttribute('configuration', JSON.stringify({ hideFooter: true, hideLogo: true }))
  altchaBox.append(widget)
  refresh?.addEventListener('click', () => {
    widget.reset()
    widget.verify()
  })
} else if (refresh) {
  refresh.addEventListener('click', () => globalThis.turnstile?.reset())
}
