import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { fieldErrors } from '../../src/lib/validation'

/** A schema whose every check has its own message, so messages can be traced to their field. */
const schema = z.object({
  a: z.string('a:type').check(z.minLength(1, 'a:short'), z.maxLength(3, 'a:long')),
  b: z.number('b:type').check(z.refine((v) => Number.isInteger(v), 'b:integer')),
  c: z.optional(z.array(z.string('c:item'), 'c:type')),
})

const runs = { numRuns: 300 }

describe('fieldErrors (properties)', () => {
  it('gives the first message of each failing field, keyed by field name', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ a: fc.anything(), b: fc.anything(), c: fc.anything() }, { requiredKeys: [] }),
          fc.anything(),
        ),
        (raw) => {
          const parsed = schema.safeParse(raw)
          if (parsed.success) return
          const errors = fieldErrors(parsed.error)
          const issues = parsed.error.issues
          const keys = new Set(issues.map((i) => String(i.path[0] ?? 'form')))
          expect(new Set(Object.keys(errors))).toEqual(keys)
          for (const key of keys) {
            const first = issues.find((i) => String(i.path[0] ?? 'form') === key)
            expect(errors[key]).toBe(first?.message)
          }
          for (const [key, message] of Object.entries(errors)) {
            if (key !== 'form') expect(message.startsWith(`${key}:`)).toBe(true)
          }
        },
      ),
      runs,
    )
  })
})
