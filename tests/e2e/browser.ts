/**
 * Chromium for the browser tests (Debian's package, driven by playwright-core) and the checks
 * every page gets: no console errors, no failed requests, nothing fetched from another origin,
 * no horizontal scrolling at 360 px and 1280 px, and no serious or critical axe-core findings.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import axe from 'axe-core'
import type { BrowserContext, Page } from 'playwright-core'
import { CHROMIUM, launch } from '../../scripts/lib/chromium'

export { CHROMIUM, launch }

/**
 * Screenshots go to docs/screenshots/ (shown in the README) with UPDATE_SCREENSHOTS=1, and
 * otherwise next to the test state, so a test run leaves the working tree alone.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? resolve(import.meta.dirname, '../../docs/screenshots')
  : resolve(import.meta.dirname, '../../.wrangler/e2e-screenshots')

export const PHONE = { width: 360, height: 780 }
export const DESKTOP = { width: 1280, height: 900 }

/** What went wrong on a page while a test used it. */
export type PageProblems = { console: string[]; failed: string[]; foreign: string[] }

/** Opens a page that records console errors, failed requests and requests to other origins. */
export async function watchedPage(
  context: BrowserContext,
  origin: string,
): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage()
  const problems: PageProblems = { console: [], failed: [], foreign: [] }
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(`${page.url()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.console.push(`${page.url()}: ${e.message}`))
  page.on('requestfailed', (r) => {
    // The ALTCHA widget starts its worker from a blob: URL and revokes it once the worker runs,
    // which Chromium reports as an aborted request; nothing crosses the network there.
    if (r.url().startsWith('blob:')) return
    problems.failed.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`)
  })
  page.on('response', (r) => {
    // A 4xx/5xx for a file the page needs is a failed request too (the page itself may be a 422).
    if (r.status() >= 400 && r.request().resourceType() !== 'document')
      problems.failed.push(`${r.url()}: ${r.status()}`)
  })
  page.on('request', (r) => {
    const url = r.url()
    if (url.startsWith('data:') || url.startsWith('blob:')) return
    if (new URL(url).origin !== origin) problems.foreign.push(url)
  })
  return { page, problems }
}

/** Width the page needs beyond the viewport at each size; 0 everywhere means no sideways scroll. */
export async function overflowAt(
  page: Page,
  sizes: { width: number; height: number }[] = [PHONE, DESKTOP],
): Promise<Record<number, number>> {
  const original = page.viewportSize()
  const result: Record<number, number> = {}
  for (const size of sizes) {
    await page.setViewportSize(size)
    result[size.width] = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
  }
  if (original) await page.setViewportSize(original)
  return result
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousA11yProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axe.source)
  const results = await page.evaluate(() =>
    (
      globalThis as unknown as {
        axe: { run: (o: object) => Promise<{ violations: axe.Result[] }> }
      }
    ).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }),
  )
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')})`,
    )
}

/** Saves a screenshot under SCREENSHOTS. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage })
}
