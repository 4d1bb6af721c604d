import { describe, expect, test } from 'vitest'
import { resolveSpecCiOptions } from '../../../plugin/resolve-options.ts'
import type { ConformanceOptions } from '../../../plugin/types.ts'

const SECRET = 'query-secret-1234'
const remote = (conformance: ConformanceOptions) => resolveSpecCiOptions({ conformance }).conformance!.remote

/** The config error `conformance` gives; it must never quote the URL's secrets. */
function refusal(conformance: unknown): string {
  try {
    resolveSpecCiOptions({ conformance: conformance as ConformanceOptions })
  } catch (error) {
    const message = `${(error as Error).name}: ${(error as Error).message}`
    expect(message).not.toContain(SECRET)
    expect(message).not.toContain('hunter2')
    return message
  }
  throw new Error('the options were accepted')
}

describe('conformance.remote, resolved when the config loads', () => {
  test('defaults: the URL host is the allowlist, https only, 100 MiB, 30 s, the name from the URL path; settings inherited like a trace group', () => {
    const [entry] = remote({ remote: [{ url: `https://traces.example.com:8443/runs/42/run%2042.ndjson?token=${SECRET}#frag` }], specOptions: { maxRetries: 5 }, timeout: '3m', partitionBy: ['test.run.id'] })
    expect(entry).toEqual({
      spec: 'kvonce',
      specOptions: { maxRetries: 5 },
      rules: {},
      timeout: 180_000,
      partitionBy: ['test.run.id'],
      concurrency: { maxSearchSteps: 100_000, maxWindowEvents: 1000, maxStates: 8 },
      path: 'conformance',
      entry: 'conformance.remote[0]',
      url: `https://traces.example.com:8443/runs/42/run%2042.ndjson?token=${SECRET}#frag`,
      shown: 'https://traces.example.com:8443/runs/42/run%2042.ndjson?token=REDACTED',
      allowHosts: ['traces.example.com:8443'],
      allowLoopbackHttp: false,
      maxDownloadBytes: 100 * 1024 * 1024,
      downloadTimeout: 30_000,
      name: 'run_42.ndjson',
    })
  })

  test('every knob given, and settings of its own: another spec does not inherit the top level’s specOptions and rules', () => {
    const [entry] = remote({
      traces: ['traces/**'],
      rules: { 'retry-context-missing': 'warn' },
      remote: [{ url: 'http://127.0.0.1:9000/x.ndjson', allowHosts: ['127.0.0.1'], allowLoopbackHttp: true, maxDownloadBytes: 1000, downloadTimeout: '2s', name: 'inv.ndjson', spec: 'inventory', specOptions: { minOnHand: 1 } }],
    })
    expect(entry).toMatchObject({ spec: 'inventory', specOptions: { minOnHand: 1 }, rules: {}, path: 'conformance.remote[0]', allowHosts: ['127.0.0.1'], allowLoopbackHttp: true, maxDownloadBytes: 1000, downloadTimeout: 2000, name: 'inv.ndjson' })
  })

  test('traces is optional when remote is given; one of traces, remote, live is needed', () => {
    expect(resolveSpecCiOptions({ conformance: { remote: [{ url: 'https://a.example/t.ndjson' }] } }).conformance!.groups).toEqual([])
    expect(refusal({})).toContain('specCi: conformance needs traces (globs, e.g. ["traces/**/*.ndjson"]), remote (traces fetched from URLs')
    expect(refusal({ remote: [] })).toBe('SpecCiConfigError: specCi: conformance.remote must list at least one entry, e.g. [{ url: "https://traces.example.com/runs/42.ndjson" }]')
  })

  test('a bad URL names its option path and is never quoted', () => {
    expect(refusal({ remote: [{ url: `not a url?token=${SECRET}` }] })).toBe(
      'SpecCiConfigError: specCi: conformance.remote[0].url is not an absolute URL (e.g. "https://traces.example.com/runs/42.ndjson"); it is not quoted here, since it may hold a credential',
    )
    expect(refusal({ remote: [{}] })).toContain('specCi: conformance.remote[0].url is missing; expected the https URL of a trace')
    expect(refusal({ remote: [{ url: 42 }] })).toContain('specCi: conformance.remote[0].url is a number; expected the https URL')
    // A bare URL string instead of an entry: refused without quoting it.
    expect(refusal({ remote: [`https://a.example/t.ndjson?token=${SECRET}`] })).toContain('specCi: conformance.remote[0] is a string; expected { url, allowHosts?')
  })

  test('the scheme: https only; plain http only with allowLoopbackHttp and only to a loopback host; nothing else', () => {
    expect(refusal({ remote: [{ url: 'https://a.example/ok.ndjson' }, { url: `http://127.0.0.1:9000/x.ndjson?token=${SECRET}` }] })).toBe(
      'SpecCiConfigError: specCi: conformance.remote[1].url: remote payload refused (rule https-only): http://127.0.0.1:9000/x.ndjson?token=REDACTED: only https URLs are fetched (plain http only to a loopback host with conformance.remote[1].allowLoopbackHttp: true)',
    )
    expect(refusal({ remote: [{ url: 'http://traces.example.com/x.ndjson', allowLoopbackHttp: true }] })).toBe(
      'SpecCiConfigError: specCi: conformance.remote[0].url: remote payload refused (rule https-only): http://traces.example.com/x.ndjson: plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost); use https',
    )
    expect(refusal({ remote: [{ url: 'file:///etc/passwd' }] })).toContain('(rule https-only): file:///etc/passwd: only https URLs are fetched, not file:')
    expect(refusal({ remote: [{ url: 'ftp://a.example/x' }] })).toContain('(rule https-only)')
    expect(refusal({ remote: [{ url: 'https://a.example/x', allowLoopbackHttp: 'yes' }] })).toContain('specCi: conformance.remote[0].allowLoopbackHttp is "yes"; expected true or false')
  })

  test('userinfo in the URL is refused, shown as REDACTED', () => {
    expect(refusal({ remote: [{ url: `https://alice:hunter2@a.example/x.ndjson?token=${SECRET}` }] })).toBe(
      'SpecCiConfigError: specCi: conformance.remote[0].url: remote payload refused (rule no-userinfo): https://REDACTED:REDACTED@a.example/x.ndjson?token=REDACTED: credentials in the URL are not allowed (they would end up in logs and reports)',
    )
  })

  test('a host not in allowHosts is refused, saying where to add it; allowHosts entries are exact hosts', () => {
    expect(refusal({ remote: [{ url: `https://evil.example/x.ndjson?token=${SECRET}`, allowHosts: ['traces.example.com'] }] })).toBe(
      'SpecCiConfigError: specCi: conformance.remote[0].url: remote payload refused (rule host-allowlist): https://evil.example/x.ndjson?token=REDACTED: host evil.example is not on the allowlist (traces.example.com); add it to conformance.remote[0].allowHosts: evil.example',
    )
    // host:port entries match the port too; a bare host matches any port; case does not matter.
    expect(refusal({ remote: [{ url: 'https://a.example:8443/x', allowHosts: ['a.example:443'] }] })).toContain('(rule host-allowlist)')
    expect(remote({ remote: [{ url: 'https://A.example:8443/x', allowHosts: ['a.EXAMPLE'] }] })[0]!.allowHosts).toEqual(['a.EXAMPLE'])
    expect(refusal({ remote: [{ url: 'https://a.example/x', allowHosts: ['*.example'] }] })).toBe(
      'SpecCiConfigError: specCi: conformance.remote[0].allowHosts[0]: *.example: only an exact host (or host:port) is allowed; no wildcards, paths or credentials',
    )
    expect(refusal({ remote: [{ url: 'https://a.example/x', allowHosts: [] }] })).toContain('specCi: conformance.remote[0].allowHosts must list at least one exact host')
    expect(refusal({ remote: [{ url: 'https://a.example/x', allowHosts: [7] }] })).toContain('specCi: conformance.remote[0].allowHosts[0]: expected a host name string, not number')
  })

  test('limits, names and unknown keys name their option path', () => {
    const url = 'https://a.example/x.ndjson'
    expect(refusal({ remote: [{ url, maxDownloadBytes: 0 }] })).toContain('specCi: conformance.remote[0].maxDownloadBytes is 0; expected bytes as a whole number > 0 (default 104857600)')
    expect(refusal({ remote: [{ url, downloadTimeout: '30 sec' }] })).toContain('specCi: conformance.remote[0].downloadTimeout is "30 sec"; expected')
    expect(refusal({ remote: [{ url, name: '../x' }] })).toContain('specCi: conformance.remote[0].name is "../x"; expected a file name of letters, digits')
    expect(refusal({ remote: [{ url, name: '.hidden' }] })).toContain('specCi: conformance.remote[0].name is ".hidden"')
    expect(refusal({ remote: [{ url, allowHost: ['a.example'] }] })).toContain('specCi: conformance.remote[0] has unknown option "allowHost"; known options are url, allowHosts, allowLoopbackHttp, maxDownloadBytes, downloadTimeout, name, spec, specOptions, rules, timeout, partitionBy, concurrency (did you mean "allowHosts"?)')
    expect(refusal({ remote: [{ url, maxRetries: 2 }] })).toContain('"maxRetries" is an option of spec "kvonce": write conformance.remote[0].specOptions: { maxRetries: … }')
    expect(refusal({ remote: [{ url, rules: { nope: 'off' } }] })).toContain('conformance.remote[0].rules: spec "kvonce" has no rule "nope"')
  })

  test('two entries may not download to one file, nor share a metadata file', () => {
    expect(refusal({ remote: [{ url: 'https://a.example/1/trace.ndjson' }, { url: 'https://a.example/2/trace.ndjson' }] })).toBe(
      'SpecCiConfigError: specCi: conformance.remote[1] downloads to "trace.ndjson", which is also the file of conformance.remote[0]; give each entry a name of its own (name: "…")',
    )
    expect(refusal({ remote: [{ url: 'https://a.example/t.ndjson' }, { url: 'https://a.example/t.otlp.json' }] })).toContain(
      'specCi: conformance.remote[1] downloads to "t.otlp.json", which has the same metadata file (<base>-payload.json) of conformance.remote[0]',
    )
    expect(remote({ remote: [{ url: 'https://a.example/1/trace.ndjson' }, { url: 'https://a.example/2/trace.ndjson', name: 'second.ndjson' }] }).map((e) => e.name)).toEqual(['trace.ndjson', 'second.ndjson'])
  })
})
