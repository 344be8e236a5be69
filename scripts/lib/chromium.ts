/**
 * Debian's Chromium through playwright-core, started the same way for the browser journeys
 * (tests/e2e) and the phone benchmark (bench/phone.ts).
 */
import { chromium, type Browser } from 'playwright-core'

/** The browser: CHROMIUM_PATH, or Debian's package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Starts Chromium. Playwright gives each launch a new temporary profile (user-data dir) and
 * removes it on close, so no state carries over between runs.
 */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
