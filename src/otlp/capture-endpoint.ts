/**
 * How a live capture's receiver is handed to what the spec projects start. The OpenTelemetry variables
 * reach any SDK (the provider module, child processes); `SPEC_CI_OTLP_ENDPOINT` is set only by a live
 * capture, so the harness hands the endpoint to BDD hooks, provider start functions and property
 * implementations only then, never because the shell exported an OTel variable of its own.
 */
export const CAPTURE_ENDPOINT_ENV = 'SPEC_CI_OTLP_ENDPOINT'

/** Where to export spans during a live capture. */
export interface OtlpCaptureEndpoint {
  /** Base URL, as in `OTEL_EXPORTER_OTLP_ENDPOINT` (an SDK appends `/v1/traces`): `http://127.0.0.1:PORT`. */
  endpoint: string
  /** Full trace URL, as in `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` and an exporter's `url`: `http://127.0.0.1:PORT/v1/traces`. */
  tracesEndpoint: string
}

/** The environment variables a driving project's workers get for a receiver at `tracesUrl` (`…/v1/traces`). */
export function captureEndpointEnv(tracesUrl: string): Record<string, string> {
  const endpoint = new URL('/', tracesUrl).href.replace(/\/$/, '')
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: tracesUrl,
    [CAPTURE_ENDPOINT_ENV]: endpoint,
  }
}

/** The capture's endpoint when a live capture set it, else `undefined`. */
export function captureEndpointFromEnv(env: NodeJS.ProcessEnv = process.env): OtlpCaptureEndpoint | undefined {
  const endpoint = env[CAPTURE_ENDPOINT_ENV]
  return endpoint ? { endpoint, tracesEndpoint: `${endpoint}/v1/traces` } : undefined
}
