// "Sao chép liên kết": copies the article's address and says so.
for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy)
      button.textContent = 'Đã sao chép'
    } catch {
      window.prompt('Sao chép liên kết:', button.dataset.copy)
    }
  })
}
