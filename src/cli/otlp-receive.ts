import path from 'node:path'
import { parseArgs } from 'node:util'
import { DEFAULT_MAX_BODY_BYTES, startOtlpReceiver, type OtlpBatchReceived, type OtlpReceiverOptions } from '../otlp/receiver.ts'
import { printable } from '../printable-text.ts'
import { durationFlag, wholeNumberFlag } from './flag-values.ts'
import { stopSignal } from './stop-signal.ts'
import { CliUsageError } from './usage-error.ts'
import { OTLP_RECEIVE_USAGE } from './otlp-receive-usage.ts'
export { OTLP_RECEIVE_USAGE }


class UsageError extends CliUsageError {
  constructor(message: string) {
    super(message, OTLP_RECEIVE_USAGE)
  }
}

function batchLine(b: OtlpBatchReceived): string {
  const services = b.services.length > 0 ? ` from ${b.services.map(printable).join(', ')}` : ''
  const rejected = b.rejectedSpans > 0 ? `, ${b.rejectedSpans} rejected` : ''
  return `batch ${b.index}: ${b.spans} span${b.spans === 1 ? '' : 's'}${rejected}${services} (${b.encoding}${b.gzip ? ' gzip' : ''}, ${b.bytes} bytes)\n`
}

export async function otlpReceive(argv: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream, decodeProtobuf?: OtlpReceiverOptions['decodeProtobuf']): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '4318' },
      host: { type: 'string', default: '127.0.0.1' },
      out: { type: 'string' },
      duration: { type: 'string' },
      'max-body-bytes': { type: 'string' },
    },
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
  const port = wholeNumberFlag('--port', values.port, 0, 65535, OTLP_RECEIVE_USAGE)
  const maxBodyBytes = values['max-body-bytes'] === undefined ? DEFAULT_MAX_BODY_BYTES : wholeNumberFlag('--max-body-bytes', values['max-body-bytes'], 1, Number.MAX_SAFE_INTEGER, OTLP_RECEIVE_USAGE)
  const ms = values.duration === undefined ? undefined : durationFlag('--duration', values.duration, OTLP_RECEIVE_USAGE)
  if (values.host.trim() === '') throw new UsageError('--host: expected an address such as 127.0.0.1')
  const outFile = values.out ?? path.join(process.env.SPEC_CI_REPORT_DIR || 'hermetic-reports', 'otlp', 'traces.jsonl')
  let spans = 0
  let batches = 0
  const receiver = await startOtlpReceiver({
    outFile,
    port,
    host: values.host,
    maxBodyBytes,
    decodeProtobuf,
    onBatch: (b) => {
      batches++
      spans += b.spans
      out.write(batchLine(b))
    },
    onRefused: (r) => err.write(`spec-ci otlp receive: refused (${r.status}): ${printable(r.message)}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' || error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES' || error.code === 'ENOTFOUND')
      throw new UsageError(`cannot listen on ${values.host}:${port}: ${error.code}`)
    throw error
  })
  out.write(`${receiver.url}\n`)
  const now = () => process.exit(130)
  // A second signal while closing stops at once (every acknowledged batch is already on disk).
  const why = await stopSignal(ms, now)
  await receiver.close()
  process.removeListener('SIGINT', now)
  process.removeListener('SIGTERM', now)
  out.write(`stopped (${why}): ${batches} batch${batches === 1 ? '' : 'es'}, ${spans} span${spans === 1 ? '' : 's'} written to ${printable(outFile)}\n`)
  return 0
}
