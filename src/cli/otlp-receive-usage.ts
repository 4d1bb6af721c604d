import { DEFAULT_MAX_BODY_BYTES } from '../otlp/receiver-defaults.ts'

// The usage text alone: `spec-ci --help` and the other commands print it without loading the command's code.
export const OTLP_RECEIVE_USAGE = `Usage: spec-ci otlp receive [options]

Receives OpenTelemetry traces over OTLP/HTTP (POST /v1/traces, application/json or
application/x-protobuf, gzip or not) and appends each batch to FILE as one OTLP JSON Lines line, on disk
before the batch is acknowledged. Prints the endpoint URL on its first line, then one line per batch.
Stops on SIGINT/SIGTERM or after --duration, once the requests in flight are answered and written.
Check the capture afterwards with: spec-ci trace validate FILE

Options:
  --port N             port to listen on; 0 for a free one  [4318]
  --host H             address to listen on; 0.0.0.0 only if other hosts must reach it  [127.0.0.1]
  --out FILE           OTLP JSON Lines file the batches are appended to  [$SPEC_CI_REPORT_DIR/otlp/traces.jsonl or hermetic-reports/otlp/traces.jsonl]
  --duration S         stop after S seconds (or a duration such as 500ms, 2m)  [until a signal]
  --max-body-bytes N   refuse (413) a body over N bytes, counted decompressed  [${DEFAULT_MAX_BODY_BYTES} (16 MiB)]

Exit codes: 0 stopped after receiving, 2 unusable arguments or the address cannot be listened on.`
