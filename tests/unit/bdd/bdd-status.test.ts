import { describe, expect, test } from 'vitest'
import { attachmentRecord, MAX_ATTACHMENT_BODY } from '../../../src/bdd/attachment.ts'
import { compileTags, tagsApply } from '../../../src/bdd/hook-tags.ts'
import { isSkippingSteps, statusOfReturn, statusOfThrown, vitestOutcome, worstStatus } from '../../../src/bdd/status.ts'

describe('Cucumber statuses', () => {
  test('the worst status by Cucumber’s order: FAILED > AMBIGUOUS > UNDEFINED > PENDING > SKIPPED > PASSED', () => {
    expect(worstStatus([])).toBe('UNKNOWN')
    expect(worstStatus(['PASSED', 'SKIPPED'])).toBe('SKIPPED')
    expect(worstStatus(['PENDING', 'SKIPPED', 'PASSED'])).toBe('PENDING')
    expect(worstStatus(['UNDEFINED', 'AMBIGUOUS'])).toBe('AMBIGUOUS')
    expect(worstStatus(['AMBIGUOUS', 'FAILED', 'UNDEFINED'])).toBe('FAILED')
  })

  test('a scenario’s Vitest outcome: strict fails PENDING and UNDEFINED, lenient skips them', () => {
    expect(['PASSED', 'FAILED', 'AMBIGUOUS', 'PENDING', 'UNDEFINED', 'SKIPPED', 'UNKNOWN'].map((s) => vitestOutcome(s as never, true))).toEqual(['pass', 'fail', 'fail', 'fail', 'fail', 'skip', 'pass'])
    expect(['PENDING', 'UNDEFINED', 'FAILED', 'AMBIGUOUS'].map((s) => vitestOutcome(s as never, false))).toEqual(['skip', 'skip', 'fail', 'fail'])
  })

  test('steps are skipped once anything did not pass', () => {
    expect(isSkippingSteps([])).toBe(false)
    expect(isSkippingSteps(['PASSED'])).toBe(false)
    expect(isSkippingSteps(['PASSED', 'SKIPPED'])).toBe(true)
  })

  test('return values and exceptions: "pending", "skipped", PendingException/SkippedException by name, anything else FAILED', () => {
    expect([statusOfReturn(undefined), statusOfReturn('pending'), statusOfReturn('skipped'), statusOfReturn('other')]).toEqual(['PASSED', 'PENDING', 'SKIPPED', 'PASSED'])
    const named = (name: string) => Object.assign(new Error('x'), { name })
    expect([statusOfThrown(named('PendingException')), statusOfThrown(named('SkippedException')), statusOfThrown(new Error('x')), statusOfThrown('text')]).toEqual(['PENDING', 'SKIPPED', 'FAILED', 'FAILED'])
    const hostile = new Proxy({}, { get: () => { throw new Error('no') } })
    expect(statusOfThrown(hostile)).toBe('FAILED')
  })
})

describe('hook tag expressions', () => {
  test('apply by @cucumber/tag-expressions; none applies everywhere', () => {
    const tags = compileTags('@db and not @slow', 'Before()')
    expect(tagsApply(tags, ['@db'])).toBe(true)
    expect(tagsApply(tags, ['@db', '@slow'])).toBe(false)
    expect(tagsApply(undefined, [])).toBe(true)
  })

  test('a bad expression is an error naming the hook', () => {
    expect(() => compileTags('@a and', 'Before() at steps/x.ts:3')).toThrow(/^Before\(\) at steps\/x\.ts:3: the tag expression "@a and" is not valid/)
  })
})

describe('attachment records', () => {
  test('strings are IDENTITY (text/plain unless told), "base64:" media types and bytes are BASE64', () => {
    expect(attachmentRecord('hi', undefined, 1)).toEqual({ body: 'hi', contentEncoding: 'IDENTITY', mediaType: 'text/plain', timestampMs: 1 })
    expect(attachmentRecord('AQID', 'base64:image/png', 1)).toMatchObject({ body: 'AQID', contentEncoding: 'BASE64', mediaType: 'image/png' })
    expect(attachmentRecord(new Uint8Array([1, 2, 3]), { fileName: 'b.bin' }, 1)).toMatchObject({ body: 'AQID', contentEncoding: 'BASE64', mediaType: 'application/octet-stream', fileName: 'b.bin' })
  })

  test('bodies are capped at 1 MiB, saying how long they were; Base64 stays decodable', () => {
    const big = attachmentRecord('x'.repeat(MAX_ATTACHMENT_BODY + 10), undefined, 1)
    expect(big.body).toHaveLength(MAX_ATTACHMENT_BODY)
    expect(big.truncatedFrom).toBe(MAX_ATTACHMENT_BODY + 10)
    const bytes = attachmentRecord(new Uint8Array(MAX_ATTACHMENT_BODY), undefined, 1)
    expect(bytes.body.length % 4).toBe(0)
    expect(bytes.body.length).toBeLessThanOrEqual(MAX_ATTACHMENT_BODY)
  })
})

describe('scenarioHooks', () => {
  test('Before and BeforeStep in order of definition, AfterStep and After reversed, each filtered by its tags', async () => {
    const { StepRegistry } = await import('../../../src/bdd/step-registry.ts')
    const { scenarioHooks, afterAllOrder } = await import('../../../src/bdd/hook-order.ts')
    const registry = new StepRegistry()
    const hook = (name: string, tags?: string) => ({ fn: () => {}, location: undefined, name, ...(tags && { tags: compileTags(tags, name) }) })
    for (const kind of ['before', 'after', 'beforeStep', 'afterStep', 'afterAll'] as const) {
      registry.addHook(kind, hook(`${kind} 1`))
      registry.addHook(kind, hook(`${kind} 2`, '@db'))
      registry.addHook(kind, hook(`${kind} 3`))
    }
    const names = (hooks: Array<{ name?: string }>) => hooks.map((h) => h.name)
    const plain = scenarioHooks(registry, [])
    expect(names(plain.before)).toEqual(['before 1', 'before 3'])
    expect(names(plain.after)).toEqual(['after 3', 'after 1'])
    const db = scenarioHooks(registry, ['@db'])
    expect(names(db.beforeStep)).toEqual(['beforeStep 1', 'beforeStep 2', 'beforeStep 3'])
    expect(names(db.afterStep)).toEqual(['afterStep 3', 'afterStep 2', 'afterStep 1'])
    expect(names(afterAllOrder(registry))).toEqual(['afterAll 3', 'afterAll 2', 'afterAll 1'])
  })
})

describe('RETRIED_FAILURE (Vitest retry.condition)', () => {
  test('matches the FAILED scenarios’ errors only', async () => {
    const { RETRIED_FAILURE } = await import('../../../src/bdd/status.ts')
    const retried = [
      'Then the cart has 5 items (features/x feature.feature:6) FAILED: expected 2 to be 5',
      'Before hook at steps/db.ts:4 FAILED (features/x.feature:3): Error: cannot connect',
      'After hook "close" FAILED (features/x.feature:3): boom',
      'the World constructor FAILED (features/x.feature:3): Error: no',
    ]
    const notRetried = [
      'Pending step at features/x.feature:10: When a step is pending\n\n(PENDING fails …)',
      'Undefined step at features/x.feature:10: When x',
      '2 undefined steps in this scenario:',
      'Ambiguous step at features/x.feature:15: When I ship it express',
      'Before hook at steps/db.ts:4 PENDING (features/x.feature:3): pending',
      'BeforeAll hook at steps/x.ts:3 FAILED, so no scenario of features/x.feature ran: Error: x',
    ]
    expect(retried.filter((m) => !RETRIED_FAILURE.test(m))).toEqual([])
    expect(notRetried.filter((m) => RETRIED_FAILURE.test(m))).toEqual([])
  })
})

describe('the attachments of one attempt', () => {
  test('are bounded together: past 8 MiB, bodies are emptied and their length kept', async () => {
    const { MAX_ATTEMPT_ATTACHMENTS, withinAttemptBudget } = await import('../../../src/bdd/attachment.ts')
    const a = attachmentRecord('x'.repeat(10), undefined, 1)
    expect(withinAttemptBudget(a, MAX_ATTEMPT_ATTACHMENTS - 10)).toBe(MAX_ATTEMPT_ATTACHMENTS)
    const b = attachmentRecord('y'.repeat(5), undefined, 1)
    expect(withinAttemptBudget(b, MAX_ATTEMPT_ATTACHMENTS)).toBe(MAX_ATTEMPT_ATTACHMENTS)
    expect(b).toMatchObject({ body: '', truncatedFrom: 5 })
    expect(a.body).toHaveLength(10)
  })
})
