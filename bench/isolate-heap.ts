/**
 * The worker isolate's own memory, read through the DevTools inspector that `wrangler dev`
 * exposes (`--inspector-port`): `Runtime.getHeapUsage` gives the V8 heap in use, which is what
 * the portal's code can keep alive. workerd's resident memory (what `ps` shows) also counts the
 * runtime's own buffers, which grow under load with a constant-response worker too
 * (docs/benchmark.md), so it cannot tell a leak of ours from the runtime's.
 *
 * Node's built-in WebSocket fails wrangler's inspector handshake; `ws` does not.
 */
import WebSocket from 'ws'

export type HeapReader = { usedMb: () => Promise<number | null>; close: () => void }

/** Connects to the inspector on `port` (127.0.0.1); `usedMb()` is null when it does not answer. */
export async function connectHeapReader(port: number): Promise<HeapReader> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let id = 0
  const pending = new Map<number, (usedSize: number) => void>()
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; result?: { usedSize?: number } }
    if (m.id !== undefined && m.result?.usedSize !== undefined)
      pending.get(m.id)?.(m.result.usedSize)
    if (m.id !== undefined) pending.delete(m.id)
  })
  return {
    usedMb: () =>
      new Promise((resolve) => {
        const n = ++id
        const timer = setTimeout(() => {
          pending.delete(n)
          resolve(null)
        }, 5000)
        pending.set(n, (bytes) => {
          clearTimeout(timer)
          resolve(Math.round((bytes / 2 ** 20) * 10) / 10)
        })
        if (ws.readyState === WebSocket.OPEN)
          ws.send(JSON.stringify({ id: n, method: 'Runtime.getHeapUsage' }))
      }),
    close: () => ws.close(),
  }
}
