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

// "Zalo, ứng dụng khác…": the device's share sheet (Zalo, Messenger, mail…), where there is one.
for (const button of document.querySelectorAll('[data-share-url]')) {
  if (typeof navigator.share !== 'function') continue
  button.hidden = false
  button.addEventListener('click', () => {
    navigator
      .share({ title: button.dataset.shareTitle, url: button.dataset.shareUrl })
      // Closing the sheet without sharing rejects; nothing to tell the reader.
      .catch(() => {})
  })
}
