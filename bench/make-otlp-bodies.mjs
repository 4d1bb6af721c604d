// Writes OTLP/HTTP protobuf request bodies (ExportTraceServiceRequest, as the OpenTelemetry JS
// exporter serialises them: @opentelemetry/otlp-transformer's ProtobufTraceSerializer) of `spans` KvOnce
// spans in batches of `batch` (512, the BatchSpanProcessor's default), over `keys` keys interleaved as
// bench/make-kvonce-trace.mjs does. Mostly valid, with a few planted violations so both sides must find
// the same ones. One file per body (what one export call POSTs) and an index; reused when it exists.
import { existsSync, writeFileSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'

const resource = { attributes: { 'service.name': 'kvonce-bench', 'service.instance.id': 'bench-1' }, schemaUrl: undefined }
const instrumentationScope = { name: 'kvonce-store', version: '1.0.0' }
const status = { code: 0 }
const hex = (n, width) => n.toString(16).padStart(width, '0')

/** A ReadableSpan as the SDK hands it to an exporter (what the serializer reads of one). */
function readableSpan(i, attributes, t0) {
  const startNs = t0 + BigInt(i) * 1000n // unique, increasing start times: one order for every reader
  const endNs = startNs + 500n
  const hr = (ns) => [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)]
  const context = { traceId: hex(0x4bf92f35, 8) + hex(Math.floor(i / 512), 24), spanId: hex(i + 1, 16), traceFlags: 1 }
  return {
    name: `kvonce.${attributes['kvonce.event.type']}`,
    kind: 1,
    spanContext: () => context,
    parentSpanContext: undefined,
    startTime: hr(startNs),
    endTime: hr(endNs),
    attributes,
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status,
    resource,
    instrumentationScope,
  }
}

/**
 * The event of span `i`: round r of key k (keys interleaved, so every key's state is live at once).
 * Rounds 0-1 retries (attempts 1, 2), round 2 the success (attempt 3), then "duplicate" failures.
 * Planted: keys k % 10000 === 3 send their second retry as attempt 5 (retry-attempt-out-of-sequence);
 * keys k % 10000 === 7 succeed again in round 3 (multiple-success).
 */
function eventAttributes(round, k) {
  const key = `key-${k.toString(36).padStart(5, '0')}`
  const base = { 'kvonce.event.key': key, 'kvonce.event.actor': 'bench' }
  if (round < 2) return { 'kvonce.event.type': 'retry', ...base, 'kvonce.event.context.attempt': round === 1 && k % 10000 === 3 ? 5 : round + 1 }
  if (round === 2 || (round === 3 && k % 10000 === 7)) return { 'kvonce.event.type': 'success', ...base, 'kvonce.event.value': `value-${k}`, 'kvonce.event.context.attempt': 3 }
  return { 'kvonce.event.type': 'failure', ...base, 'kvonce.event.reason': 'duplicate', 'kvonce.event.context.attempt': round - 2 }
}

/** The index file `dir/bodies.json`: `{ spans, batch, keys, files: [...] }`, the body files in posting order. */
export async function makeOtlpBodies(dir, { spans = 1_000_000, keys = 100_000, batch = 512 } = {}) {
  const indexFile = path.join(dir, 'bodies.json')
  if (existsSync(indexFile)) return indexFile
  const bodies = path.join(dir, 'bodies')
  await rm(bodies, { recursive: true, force: true })
  await mkdir(bodies, { recursive: true })
  const files = []
  const perKey = Math.ceil(spans / keys)
  const t0 = BigInt(Date.UTC(2025, 9, 4)) * 1_000_000n
  let i = 0
  let pending = []
  const flush = async () => {
    const file = path.join(bodies, `${String(files.length).padStart(5, '0')}.binpb`)
    await writeFile(file, ProtobufTraceSerializer.serializeRequest(pending))
    files.push(file)
    pending = []
  }
  for (let round = 0; round < perKey && i < spans; round++) {
    for (let k = 0; k < keys && i < spans; k++) {
      pending.push(readableSpan(i++, eventAttributes(round, k), t0))
      if (pending.length === batch) await flush()
    }
  }
  if (pending.length > 0) await flush()
  writeFileSync(indexFile + '.tmp', JSON.stringify({ spans, batch, keys, files: files.map((f) => path.relative(dir, f)) }))
  await rename(indexFile + '.tmp', indexFile)
  return indexFile
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  console.log(await makeOtlpBodies(process.argv[2] ?? path.join(import.meta.dirname, '.data', 'otlp-1m')))
}
