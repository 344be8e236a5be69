import { afterEach, describe, expect, it, vi } from 'vitest'
import { log, logLine, requestFields } from '../../src/lib/log'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('logLine', () => {
  it('writes level and message first, then the fields', () => {
    expect(logLine('info', 'scheduled run', { due: 2 })).toBe(
      '{"level":"info","message":"scheduled run","due":2}',
    )
  })

  it('cuts a path or url field at its query string or fragment', () => {
    const line = JSON.parse(
      logLine('error', 'x', {
        path: '/tim-kiem?q=0912345678',
        url: 'https://example.org/api/v1/views/3?k=secret#top',
        other: '/keeps?this=1',
      }),
    )
    expect(line.path).toBe('/tim-kiem')
    expect(line.url).toBe('https://example.org/api/v1/views/3')
    // Only URL fields are cut: other strings are the caller's to choose.
    expect(line.other).toBe('/keeps?this=1')
  })

  it('turns an Error into its String() and leaves out undefined fields', () => {
    const line = JSON.parse(logLine('error', 'x', { error: new TypeError('bad'), gone: undefined }))
    expect(line).toEqual({ level: 'error', message: 'x', error: 'TypeError: bad' })
  })

  it('still writes a line when a field cannot be serialised', () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const line = JSON.parse(logLine('warn', 'event', { circular, big: 1n }))
    expect(line).toEqual({ level: 'warn', message: 'event', logError: 'fields not serialisable' })
  })

  it('does not let a field override level or message', () => {
    const line = JSON.parse(logLine('info', 'request', { level: 'error', message: 'forged' }))
    expect(line.level).toBe('info')
    expect(line.message).toBe('request')
  })
})

describe('requestFields', () => {
  it('gives the method and the path without the query', () => {
    const req = new Request('https://example.org/tim-kiem?q=s%E1%BB%91+%C4%91i%E1%BB%87n')
    expect(requestFields(req)).toEqual({ method: 'GET', path: '/tim-kiem' })
  })
})

describe('log', () => {
  it('writes to the console method of each level', () => {
    const info = vi.spyOn(console, 'log').mockImplementation(() => {})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    log.info('a', { path: '/x?y=1' })
    log.warn('b')
    log.error('c')
    expect(info).toHaveBeenCalledWith('{"level":"info","message":"a","path":"/x"}')
    expect(warn).toHaveBeenCalledWith('{"level":"warn","message":"b"}')
    expect(error).toHaveBeenCalledWith('{"level":"error","message":"c"}')
  })
})
