import { AnyValueError, anyValueToJs } from './otlp-any-value.ts'
import type { JsonObject, JsonValue } from '../json/json-scanner.ts'
import type { TraceRecord } from './types.ts'

/** What a partition attribute reads as when the resource lacks it. */
export const NO_ATTRIBUTE = '(none)'

/**
 * The partition of a resource's spans under `partitionBy` (resource attribute names): `name=value` for
 * each name, joined by `, `, e.g. `service.instance.id=a`. A missing attribute (or resource) reads
 * `name=(none)`, so all spans lacking it share one partition; a string value is shown as it is, any other
 * value as JSON (an AnyValue the reader cannot map reads as `(none)` too).
 */
export function resourcePartition(resource: JsonValue | undefined, partitionBy: readonly string[]): string {
  const attributes = resource instanceof Map ? resource.get('attributes') : undefined
  const parts: string[] = []
  for (const name of partitionBy) parts.push(`${name}=${attributeText(attributes, name)}`)
  return parts.join(', ')
}

function attributeText(attributes: JsonValue | undefined, name: string): string {
  if (!Array.isArray(attributes)) return NO_ATTRIBUTE
  for (const attribute of attributes) {
    if (!(attribute instanceof Map) || attribute.get('key') !== name) continue
    let value: unknown
    try {
      value = anyValueToJs(attribute.get('value'))
    } catch (error) {
      if (error instanceof AnyValueError) return NO_ATTRIBUTE
      throw error
    }
    if (value === null || value === undefined) return NO_ATTRIBUTE
    return typeof value === 'string' ? value : JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  }
  return NO_ATTRIBUTE
}

/**
 * The partition of one `resourceSpans` entry while it is read: its spans may come before its `resource`
 * in the document, so events hold this and read `label` only when they are handed out.
 */
export class PendingPartition {
  label: string
  constructor(noResource: string) {
    this.label = noResource
  }
  resolve(resource: JsonObject, partitionBy: readonly string[]): void {
    this.label = resourcePartition(resource, partitionBy)
  }
}

/** Whether a value starting inside `frames` opens one `resourceSpans[]` entry. */
export function isResourceSpansEntry(frames: readonly { isArray: boolean; key: string | undefined }[], isArray: boolean): boolean {
  return !isArray && frames.length === 2 && frames[0]!.key === 'resourceSpans' && frames[1]!.isArray
}

/** Whether a value starting inside `frames` is the `resource` of a `resourceSpans[]` entry. */
export function isResourceSlot(frames: readonly { isArray: boolean; key: string | undefined }[], isArray: boolean): boolean {
  return !isArray && frames.length === 3 && frames[0]!.key === 'resourceSpans' && frames[1]!.isArray && frames[2]!.key === 'resource'
}

/** The partition of each pending event, set on its record when the events are handed out. */
export class EventPartitions {
  private readonly of = new Map<object, PendingPartition>()
  add(event: object, partition: PendingPartition): void {
    this.of.set(event, partition)
  }
  /** Tags `record` (an event handed out by EventsByStartTime) with its partition. */
  tag(record: TraceRecord): TraceRecord {
    if (record.kind === 'event') {
      const partition = this.of.get(record.event)
      if (partition !== undefined) record.partition = partition.label
    }
    return record
  }
  clear(): void {
    this.of.clear()
  }
}
