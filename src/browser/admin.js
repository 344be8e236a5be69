// Admin pages: small conveniences on top of forms that work without scripts.

// "Chọn tất cả": ticks or clears every checkbox of the same name in its form. The box is hidden
// in the page and shown here, since it does nothing without this script.
for (const all of document.querySelectorAll('input[data-select-all]')) {
  const form = all.closest('form')
  const boxes = () => [
    ...form.querySelectorAll(`input[type="checkbox"][name="${all.dataset.selectAll}"]`),
  ]
  all.closest('[hidden]')?.removeAttribute('hidden')
  all.addEventListener('change', () => {
    for (const box of boxes()) box.checked = all.checked
  })
  form.addEventListener('change', (event) => {
    if (event.target === all) return
    const ticked = boxes().filter((b) => b.checked).length
    all.checked = ticked === boxes().length
    all.indeterminate = ticked > 0 && ticked < boxes().length
  })
}
