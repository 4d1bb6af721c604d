import type { TestContext } from 'vitest'
import { locatedError } from './located-error.ts'
import { setSpecCiMeta } from './task-meta.ts'

/** What the receiver of a live capture took in, as the plugin saw it when the capture was closed. */
export interface LiveCaptureTally {
  /** The capture file (absolute) and as shown. */
  file: string
  displayFile: string
  batches: number
  spans: number
  /** `service.name` of the resources received, sorted. */
  services: string[]
  /** Export requests the receiver refused (their spans are not in the capture): status and why. */
  refused: Array<{ status: number; message: string }>
  /** Refused requests counted beyond those listed. */
  moreRefused: number
  /** Projects that drove the service: those of the projects given the endpoint whose tests ran (all of them when none ran). */
  drivers: string[]
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` of those workers. */
  endpoint: string
}

/**
 * The capture's own test: it fails when the capture cannot be trusted to hold the run, so a rule test
 * passing over it would be a false green: the receiver refused an export (those spans are missing), or
 * nothing was exported at all (the service is not instrumented, or exports elsewhere).
 */
export async function liveCaptureCheck(context: TestContext, tally: LiveCaptureTally): Promise<void> {
  const drivers = tally.drivers.join(', ')
  const refusedCount = tally.refused.length + tally.moreRefused
  setSpecCiMeta(context, {
    kind: 'live-capture',
    file: tally.displayFile,
    spans: tally.spans,
    batches: tally.batches,
    services: tally.services,
    refused: refusedCount,
    complete: refusedCount === 0 && tally.spans > 0,
  })
  if (tally.refused.length > 0) {
    const total = tally.refused.length + tally.moreRefused
    const listed = tally.refused.map((r) => `${r.status} ${r.message}`).join('; ')
    throw locatedError({
      name: 'LiveCaptureIncomplete',
      message: `${tally.displayFile}: the receiver refused ${total} export request${total === 1 ? '' : 's'}, so their spans are missing from the capture and the rule tests cannot be trusted: ${listed}`,
      label: context.task.name,
      file: tally.file,
      line: 1,
    })
  }
  if (tally.spans === 0)
    throw locatedError({
      name: 'LiveCaptureEmpty',
      message:
        `${tally.displayFile}: no spans were captured while ${drivers} ran. Their workers had OTEL_EXPORTER_OTLP_ENDPOINT=${tally.endpoint}: ` +
        'export the service\'s spans there with an OTLP/HTTP exporter (JSON or protobuf; gRPC is not received), and flush the ' +
        'tracer provider (forceFlush or shutdown) when the service is closed; see docs/live-capture.md',
      label: context.task.name,
      file: tally.file,
      line: 1,
    })
  const services = tally.services.length > 0 ? ` from ${tally.services.join(', ')}` : ''
  await context.annotate(`${tally.spans} span${tally.spans === 1 ? '' : 's'} in ${tally.batches} batch${tally.batches === 1 ? '' : 'es'}${services}, captured while ${drivers} ran`)
}
