/** The expected-violations sidecar of a trace. Kept apart from the parser so the plugin need not load YAML. */
export function expectationsPathFor(traceFile: string): string {
  return `${traceFile}.expect.yml`
}
