import { describe, expect, it } from 'vitest'
import { initialCommentStatus } from '../../src/lib/moderation'

describe('initialCommentStatus', () => {
  it('holds comments for an editor unless post-moderation is chosen', () => {
    expect(initialCommentStatus('pre')).toBe('pending')
    expect(initialCommentStatus(undefined)).toBe('pending')
    expect(initialCommentStatus('POST')).toBe('pending')
    expect(initialCommentStatus('post')).toBe('approved')
  })
})
