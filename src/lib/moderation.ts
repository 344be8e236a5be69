/**
 * The status a new comment gets: with `pre` moderation (the default, and the answer for any
 * unknown setting) it waits for an editor; with `post` it is shown at once.
 */
export function initialCommentStatus(mode: string | undefined): 'pending' | 'approved' {
  return mode === 'post' ? 'approved' : 'pending'
}
