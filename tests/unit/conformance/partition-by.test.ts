import { afterAll, describe, expect, test } from 'vitest'
import { kvonce } from '../../../src/built-in-specs/kvonce/spec.ts'
import { checkTraceFile } from '../../../src/conformance/check-trace.ts'
import { encodeOtlpProtobuf } from '../trace/otlp-protobuf-encode.ts'
import { TraceDir } from '../trace/trace-files.ts'
import { projectionRecord } from '../../../src/spec-model/projection-record.ts'

const files = new TraceDir()
afterAll(() => files.remove())

const str = (stringValue: string) => ({ stringValue })
const attributes = (fields: Record<string, string>) => Object.entries(fields).map(([key, value]) => ({ key, value: str(value) }))

function span(n: number, type: string, key: string): Record<string, unknown> {
  return {
    traceId: `0000000000000000000000000000000${n}`,
    spanId: `000000000000000${n}`,
    name: `PUT /kv/${key}`,
    startTimeUnixNano: `175955886910000000${n}`,
    attributes: attributes({ 'kvonce.event.type': type, 'kvonce.event.key': key }),
  }
}

/** One resourceSpans entry; `resourceLast` writes the resource after the spans (OTLP JSON allows any key order). */
function resourceSpans(resource: Record<string, string> | undefined, spans: Record<string, unknown>[], resourceLast = false): Record<string, unknown> {
  const scopeSpans = [{ scope: { name: 'kvonce' }, spans }]
  if (resource === undefined) return { scopeSpans }
  return resourceLast ? { scopeSpans, resource: { attributes: attributes(resource) } } : { resource: { attributes: attributes(resource) }, scopeSpans }
}

/** Two service instances, each with one success of key `a`: one run each. */
const TWO_INSTANCES = {
  resourceSpans: [
    resourceSpans({ 'service.name': 'kvonce', 'service.instance.id': 'a' }, [span(1, 'success', 'a')]),
    resourceSpans({ 'service.name': 'kvonce', 'service.instance.id': 'b' }, [span(2, 'success', 'a')], true),
  ],
}

const multipleSuccess = (result: Awaited<ReturnType<typeof checkTraceFile>>) => result.rules.find((r) => r.rule === 'multiple-success')!

describe('partitionBy', () => {
  const forms = {
    'OTLP JSON': () => files.write(JSON.stringify(TWO_INSTANCES, null, 2), { name: 'two.otlp.json' }),
    'OTLP JSON Lines': () =>
      files.write(TWO_INSTANCES.resourceSpans.map((entry) => JSON.stringify({ resourceSpans: [entry] })).join('\n') + '\n', { name: 'two.jsonl' }),
    'OTLP protobuf': () => files.write(Buffer.from(encodeOtlpProtobuf(TWO_INSTANCES)), { name: 'two.pb' }),
  }

  for (const [form, write] of Object.entries(forms)) {
    test(`${form}: keys of different service.instance.id are checked apart`, async () => {
      const file = write()
      const partitioned = await checkTraceFile(file, kvonce, { partitionBy: ['service.instance.id'] })
      expect(partitioned.valid).toBe(true)
      expect(partitioned.events).toBe(2)
      expect(multipleSuccess(partitioned).count).toBe(0)
      expect(Object.keys(projectionRecord(partitioned.projection).perKey as object).sort()).toEqual(['a (service.instance.id=a)', 'a (service.instance.id=b)'])

      const merged = await checkTraceFile(file, kvonce)
      expect(merged.valid).toBe(false)
      expect(multipleSuccess(merged).count).toBe(1)
      expect(multipleSuccess(merged).violations[0]!.partition).toBeUndefined()
    })
  }

  test('a violation names its partition, in its message and its partition field', async () => {
    const trace = {
      resourceSpans: [
        resourceSpans({ 'service.instance.id': 'a' }, [span(1, 'success', 'k')]),
        resourceSpans({ 'service.instance.id': 'b' }, [span(2, 'success', 'k'), span(3, 'success', 'k')]),
      ],
    }
    const result = await checkTraceFile(files.write(JSON.stringify(trace), { name: 'bad.otlp.json' }), kvonce, { partitionBy: ['service.instance.id'] })
    const outcome = multipleSuccess(result)
    expect(outcome.count).toBe(1)
    expect(outcome.violations[0]).toMatchObject({ key: 'k', partition: 'service.instance.id=b', column: expect.any(Number) })
    expect(outcome.violations[0]!.span?.spanId).toBe('0000000000000003')
    expect(outcome.violations[0]!.message).toMatch(/ \(partition service\.instance\.id=b\)$/)
  })

  test('a resource without the attribute, or no resource at all, is the partition name=(none); several names join', async () => {
    const trace = {
      resourceSpans: [
        resourceSpans({ 'service.name': 'kvonce' }, [span(1, 'success', 'k')]),
        resourceSpans(undefined, [span(2, 'success', 'k')]),
        resourceSpans({ 'service.instance.id': 'x', 'test.run.id': '7' }, [span(3, 'success', 'k')]),
      ],
    }
    const file = files.write(JSON.stringify(trace), { name: 'none.otlp.json' })
    const one = multipleSuccess(await checkTraceFile(file, kvonce, { partitionBy: ['service.instance.id'] }))
    expect(one.violations.map((v) => v.partition)).toEqual(['service.instance.id=(none)'])
    const two = multipleSuccess(await checkTraceFile(file, kvonce, { partitionBy: ['service.instance.id', 'test.run.id'] }))
    expect(two.violations.map((v) => v.partition)).toEqual(['service.instance.id=(none), test.run.id=(none)'])
    const projection = (await checkTraceFile(file, kvonce, { partitionBy: ['service.instance.id', 'test.run.id'] })).projection
    expect(Object.keys(projectionRecord(projection).perKey as object)).toContain('k (service.instance.id=x, test.run.id=7)')
  })

  test('NDJSON has no resources: partitionBy changes nothing', async () => {
    const file = files.write('{"type":"success","key":"a"}\n{"type":"success","key":"a"}\n')
    const result = await checkTraceFile(file, kvonce, { partitionBy: ['service.instance.id'] })
    expect(multipleSuccess(result).violations).toEqual([expect.objectContaining({ line: 2, key: 'a' })])
    expect(multipleSuccess(result).violations[0]!.partition).toBeUndefined()
  })

  test('openTrace refuses a partitionBy that is not a list of names', async () => {
    const file = files.write('{"type":"success","key":"a"}\n')
    await expect(checkTraceFile(file, kvonce, { partitionBy: 'service.instance.id' as unknown as string[] })).rejects.toThrow(/partitionBy is "service.instance.id"; expected a list/)
  })
})
