import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { createVitest } from 'vitest/node'
import { fixturesDir } from './run-fixture.ts'

// Every case loads the same fixture's vitest.config.ts for real (Vite bundles and imports it, Vitest
// resolves its projects), with the options given as JSON in OPTIONS_FIXTURE_JSON.
const root = path.join(fixturesDir, 'options-validation')

afterEach(() => {
  delete process.env.OPTIONS_FIXTURE_JSON
  delete process.env.OPTIONS_FIXTURE_ENTRY
})

/** The messages of what loading the config with these options threw (an AggregateError's own errors too); `[]` when it loaded. */
async function loadErrors(options: unknown, entry: 'plugin' | 'projects' = 'plugin'): Promise<string[]> {
  process.env.OPTIONS_FIXTURE_JSON = JSON.stringify(options)
  process.env.OPTIONS_FIXTURE_ENTRY = entry
  try {
    const vitest = await createVitest('test', { root, watch: false, reporters: [{}] }, { logLevel: 'silent' })
    await vitest.close()
    return []
  } catch (error) {
    const errors = error instanceof AggregateError ? error.errors : [error]
    return errors.map((e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)))
  }
}

/** Loading the config fails with one SpecCiConfigError whose message contains `expected`. */
async function expectRefused(options: unknown, expected: string, entry?: 'plugin' | 'projects'): Promise<void> {
  const errors = await loadErrors(options, entry)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toContain(`SpecCiConfigError: ${expected}`)
}

const traces = ['traces/**/*.ndjson']

describe('unknown keys are refused when the config loads, with the option path and the known keys', () => {
  test('a misspelled kind', async () => {
    await expectRefused(
      { conformence: { traces } },
      'specCi: unknown option "conformence"; known options are conformance, contract, generate, property, report (did you mean "conformance"?)',
    )
  })

  test('the same through specCiProjects()', async () => {
    await expectRefused({ conformence: { traces } }, 'specCi: unknown option "conformence"; known options are conformance', 'projects')
  })

  test('"rule" for "rules" in a trace group', async () => {
    await expectRefused(
      { conformance: { traces: [{ include: 'traces/**', rule: { 'multiple-success': 'off' } }] } },
      'specCi: conformance.traces[0] has unknown option "rule"; known options are include, spec, specOptions, rules, timeout, partitionBy, concurrency (did you mean "rules"?)',
    )
  })

  test('a spec option written at the conformance level points to specOptions', async () => {
    await expectRefused(
      { conformance: { traces, maxRetries: 5 } },
      'specCi: conformance has unknown option "maxRetries"; known options are traces, live, remote, spec, specOptions, rules, timeout, partitionBy, concurrency, exclude, name, maxStoredViolations, maxLineBytes, maxDecompressedBytes. "maxRetries" is an option of spec "kvonce": write conformance.specOptions: { maxRetries: … }',
    )
  })

  test('in contract and contract.provider', async () => {
    await expectRefused(
      { contract: { contracts: ['c/*.json'], provider: { baseURL: 'http://127.0.0.1:3000' } } },
      'specCi: contract.provider has unknown option "baseURL"; known options are baseUrl, start, states, messages, timeout, maxBodyBytes (did you mean "baseUrl"?)',
    )
    await expectRefused(
      { contract: { contracts: ['c/*.json'], provider: { baseUrl: 'http://127.0.0.1:3000' }, focuss: ['a'] } },
      'specCi: contract has unknown option "focuss"; known options are contracts, provider, exclude, name, focus, maxJsonDepth (did you mean "focus"?)',
    )
  })

  test('in generate, property and report', async () => {
    await expectRefused(
      { generate: { manifest: ['**/*.generate.yml'] } },
      'specCi: generate has unknown option "manifest"; known options are manifests, features, steps, exclude, name, maxReportedFiles, tags, strict, retry, worldParameters, isolate, pool (did you mean "manifests"?)',
    )
    await expectRefused({ property: { includes: ['**/*.property.ts'] } }, 'specCi: property has unknown option "includes"; known options are include, exclude, name, timeout (did you mean "include"?)')
    await expectRefused({ report: { directory: 'out' } }, 'specCi: report has unknown option "directory"; known options are dir, adapterSummary')
  })

  test('property.testTimeout, the old name, points to property.timeout', async () => {
    await expectRefused(
      { property: { testTimeout: 60_000 } },
      'specCi: property has unknown option "testTimeout"; known options are include, exclude, name, timeout. "testTimeout" was renamed to "timeout", spelled like every timeout option: property.timeout: 120000 or "2m"',
    )
  })
})

describe('built-in specs, their options and rules are checked when the config loads', () => {
  test('a misspelled built-in spec lists the built-ins', async () => {
    await expectRefused(
      { conformance: { traces, spec: 'kvonc' } },
      'specCi: conformance.spec is "kvonc", which is no built-in spec (did you mean "kvonce"?); the built-in specs are kvonce, inventory, register, kv, and a spec of your own is named by the path of its defineSpec module, e.g. "specs/my-spec.ts"',
    )
  })

  test("an unknown spec option gets the spec's own message, with the path", async () => {
    await expectRefused({ conformance: { traces, specOptions: { maxRetry: 5 } } }, 'specCi: conformance.specOptions: spec "kvonce" has no option "maxRetry"; known options: maxRetries')
    await expectRefused(
      { conformance: { traces: ['traces/a/**', { include: 'traces/b/**', spec: 'inventory', specOptions: { minOnHand: -1 } }] } },
      'specCi: conformance.traces[1].specOptions: spec "inventory": option "minOnHand"',
    )
  })

  test('an unknown rule id lists the rules of the spec, at the group that names it', async () => {
    await expectRefused(
      { conformance: { traces: ['traces/a/**', { include: 'traces/b/**', rules: { nope: 'off' } }] } },
      'specCi: conformance.traces[1].rules: spec "kvonce" has no rule "nope"; its rules are event-schema, multiple-success, duplicate-without-success, retry-bound-exceeded, retry-attempt-out-of-sequence, retry-context-missing, success-attempt-mismatch',
    )
  })

  test('a severity other than error, warn or off', async () => {
    await expectRefused({ conformance: { traces, rules: { 'multiple-success': 'fatal' } } }, 'specCi: conformance.rules.multiple-success is "fatal"; expected "error", "warn" or "off"')
  })

  test("a group naming another spec does not inherit the top level's specOptions and rules", async () => {
    const options = {
      conformance: {
        specOptions: { maxRetries: 5 },
        rules: { 'retry-context-missing': 'warn' },
        traces: [{ include: 'traces/inventory/**', spec: 'inventory', specOptions: { minOnHand: 2 } }, 'traces/**/*.ndjson'],
      },
    }
    expect(await loadErrors(options)).toEqual([])
  })
})

describe('a spec given as a module path', () => {
  test('must exist when the config is resolved (relative to the project root)', async () => {
    await expectRefused(
      { conformance: { traces: [{ include: 'traces/**', spec: 'specs/missing.ts' }] } },
      `specCi: conformance.traces[0].spec is "specs/missing.ts", but ${path.join(root, 'specs/missing.ts')} is not a file; name a module whose default export is defineSpec(...), relative to the project root, or a built-in spec (kvonce, inventory, register, kv)`,
    )
  })

  test('named by the live capture: the same check, at conformance.live.spec', async () => {
    await expectRefused(
      { conformance: { live: { spec: 'specs/missing.ts' } } },
      `specCi: conformance.live.spec is "specs/missing.ts", but ${path.join(root, 'specs/missing.ts')} is not a file; name a module whose default export is defineSpec(...), relative to the project root, or a built-in spec (kvonce, inventory, register, kv)`,
    )
  })

  test('that exists loads; its options are checked when it is imported, not at config time', async () => {
    expect(await loadErrors({ conformance: { traces, spec: 'specs/counter.ts', specOptions: { limit: 3 } } })).toEqual([])
  })

  test("whose options are wrong: each of its traces fails when the module is imported, with the option path and the spec's message", async () => {
    process.env.OPTIONS_FIXTURE_JSON = JSON.stringify({ conformance: { traces: [{ include: 'traces/**', spec: 'specs/counter.ts', specOptions: { limits: 3 } }] }, report: false })
    const vitest = await createVitest('test', { root, watch: false, reporters: [{}] }, { logLevel: 'silent' })
    try {
      const { testModules } = await vitest.start(['traces/ok.ndjson'])
      // Vitest reports a module's transform error by message (its name is not kept).
      expect(testModules.flatMap((m) => m.errors().map((e) => e.message))).toEqual([
        'specCi: conformance.traces[0].specOptions: spec "counter" has no option "limits"; known options: limit',
      ])
    } finally {
      await vitest.close()
    }
  })
})

describe('values are checked with their path', () => {
  test('timeouts: milliseconds or a duration string, in every kind', async () => {
    const expected = 'expected a positive integer (milliseconds) or a duration such as "500ms", "60s" or "2m"'
    await expectRefused({ conformance: { traces, timeout: 'soon' } }, `specCi: conformance.timeout is "soon"; ${expected} (default 120000)`)
    await expectRefused({ conformance: { traces: [{ include: 'traces/**', timeout: '10' }] } }, `specCi: conformance.traces[0].timeout is "10"; ${expected} (default 120000)`)
    await expectRefused({ property: { timeout: 0 } }, `specCi: property.timeout is 0; ${expected} (default 120000)`)
    await expectRefused({ contract: { contracts: ['c/*.json'], provider: { baseUrl: 'http://127.0.0.1:3000', timeout: -5 } } }, `specCi: contract.provider.timeout is -5; ${expected} (default 5000)`)
  })

  test('caps, globs, names and groups', async () => {
    await expectRefused({ conformance: { traces, maxLineBytes: 0 } }, 'specCi: conformance.maxLineBytes is 0; expected bytes as a whole number > 0 (default 16777216)')
    await expectRefused({ generate: { manifests: ['m/*.yml'], maxReportedFiles: 1.5 } }, 'specCi: generate.maxReportedFiles is 1.5; expected files as a whole number > 0 (default 200)')
    await expectRefused({ generate: { manifests: ['m/*.yml'], exclude: 'old/**' } }, 'specCi: generate.exclude is "old/**"; expected a list of globs relative to the project root')
    await expectRefused(
      { generate: { features: ['f/*.feature'], steps: ['s.ts'], tags: '@smoke and (not @slow' } },
      'specCi: generate.tags is "@smoke and (not @slow", not a Cucumber tag expression: Tag expression "@smoke and (not @slow" could not be parsed because of syntax error: Unmatched (.',
    )
    await expectRefused({ conformance: { traces: [5] } }, 'specCi: conformance.traces[0] is 5; expected a glob or a group { include, spec?, specOptions?, rules?, timeout?, partitionBy?, concurrency? }')
    await expectRefused({ conformance: { traces, name: '' } }, 'specCi: conformance.name is ""; expected a non-empty string (default "conformance")')
    await expectRefused({ conformance: 'traces/**' }, 'specCi: conformance is "traces/**"; expected an object with the options traces, live, remote, spec')
  })

  test('partitionBy: a list of OTLP resource attribute names, at the top level and per group', async () => {
    const expected = 'expected a list of OTLP resource attribute names, e.g. ["service.instance.id"] (default [], no partitioning)'
    await expectRefused({ conformance: { traces, partitionBy: 'service.instance.id' } }, `specCi: conformance.partitionBy is "service.instance.id"; ${expected}`)
    await expectRefused({ conformance: { traces, partitionBy: ['service.instance.id', 7] } }, `specCi: conformance.partitionBy is ["service.instance.id",7]; ${expected}`)
    await expectRefused({ conformance: { traces: [{ include: 'traces/**', partitionBy: [''] }] } }, `specCi: conformance.traces[0].partitionBy is [""]; ${expected}`)
    expect(await loadErrors({ conformance: { traces, partitionBy: ['service.instance.id'] }, report: false })).toEqual([])
  })

  test('valid options with duration strings load, and the trace runs', async () => {
    process.env.OPTIONS_FIXTURE_JSON = JSON.stringify({ conformance: { traces, timeout: '2m' }, property: { timeout: '90s' }, report: false })
    const vitest = await createVitest('test', { root, watch: false, reporters: [{}] }, { logLevel: 'silent' })
    try {
      expect(vitest.projects.find((p) => p.name === 'property')?.config.testTimeout).toBe(90_000)
      const { testModules } = await vitest.start(['traces/ok.ndjson'])
      expect(testModules.map((m) => m.state())).toEqual(['passed'])
    } finally {
      await vitest.close()
    }
  })
})
