/**
 * Copies browser files that come from npm packages into `public/vendor/`, so that the portal
 * serves them from its own origin (no third-party requests). The folder is generated, not
 * committed: `npm start`, the tests and deploys run this first.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/** [file inside node_modules, destination under public/vendor]. */
const FILES: [string, string][] = [['altcha/dist/main/altcha.min.js', 'altcha/altcha.min.js']]

export function copyVendor(root = process.cwd()): void {
  for (const [from, to] of FILES) {
    // Read by path: these packages do not list their browser builds in `exports`.
    const source = resolve(root, 'node_modules', from)
    const target = resolve(root, 'public/vendor', to)
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(source, target)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  copyVendor()
  console.log('Copied browser vendor files into public/vendor/')
}
