/**
 * Starts the portal as `npm start` starts it (local D1 with the sample content) on a free port
 * before the browser tests, and stops it after. Without Chromium the tests are skipped with a
 * message, unless E2E_REQUIRED is set (CI), where that is a failure.
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startPortal, type RunningPortal } from '../../scripts/lib/portal'
import { CHROMIUM } from './browser'

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string
    adminToken: string
    /** Why the browser tests cannot run here, or '' when they can. */
    skipReason: string
  }
}

let portal: RunningPortal | undefined

export async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    const reason = `${CHROMIUM} not found: install it with \`sudo apt-get install -y chromium\` to run the browser tests.`
    if (process.env.E2E_REQUIRED) throw new Error(reason)
    console.warn(`Skipping the browser tests: ${reason}`)
    project.provide('skipReason', reason)
    project.provide('origin', '')
    project.provide('adminToken', '')
    return
  }
  portal = await startPortal('e2e', async (origin) => {
    const res = await fetch(`${origin}/healthz`)
    if (!res.ok) throw new Error(`healthz ${res.status}`)
  })
  // `npm start` keeps the admin token in .dev.vars (created on first start).
  const vars = readFileSync(resolve(import.meta.dirname, '../../.dev.vars'), 'utf8')
  const token = /^ADMIN_TOKEN=(\S+)/m.exec(vars)?.[1]
  if (!token) throw new Error('.dev.vars has no ADMIN_TOKEN')
  project.provide('origin', portal.origin)
  project.provide('adminToken', token)
  project.provide('skipReason', '')
}

export async function teardown() {
  await portal?.stop()
}
