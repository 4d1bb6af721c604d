import { execFileSync } from 'node:child_process'
import { createWriteStream, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants, createGzip } from 'node:zlib'
import { afterEach, describe, expect, test } from 'vitest'
import { writeGzipBomb } from '../unit/trace/gzip-bomb.ts'
import { hostileProject, type HostileProject } from './hostile-run.ts'
import { runSpecCi, runVitestCli, type CliResult } from './run-cli.ts'
import { runFixture } from './run-fixture.ts'

/**
 * Issue 10, trace-reading and CLI classes: hostile trace files (names that are workflow commands, FIFOs and
 * devices, gzip bombs) through real Vitest on a copy of tests/fixtures/hostile-traces, and through
 * `spec-ci trace validate`. Every run is guarded: nothing outside the report directory changes and the run
 * ends within a bound; the message names the file (and the line, where there is one); the fixture's
 * ordinary trace still passes.
 */

const projects: HostileProject[] = []
afterEach(() => {
  while (projects.length) projects.pop()!.remove()
})

function project(label: string): HostileProject {
  const p = hostileProject('hostile-traces', label)
  projects.push(p)
  // Vitest creates node_modules/ for its cache (skipped by the guard); made first, so the folder is no change.
  mkdirSync(path.join(p.dir, 'node_modules'), { recursive: true })
  return p
}

/** Lines of output that GitHub Actions would run as workflow commands. */
const workflowCommands = (r: CliResult): string[] => `${r.stdout}\n${r.stderr}`.split(/\r?\n|\r/).filter((l) => l.trimStart().startsWith('::'))

/** What Vitest printed: the summary goes to stdout, the failures to stderr. */
const printed = (r: CliResult): string => `${r.stdout}\n${r.stderr}`

const BOUND_MS = 60_000
const OK_TRACE = /traces\/ok\.ndjson \(7 tests\)/

describe('workflow-command injection: names and text from traces are printed escaped', () => {
  const NAME = 'x\n::error::owned.ndjson'
  const LINES = [
    '{"type":"success","key":"k\\u2028::warning::key"}',
    '{"type":"success","key":"k\\u2028::warning::key"}',
    'not json\u001b]0;title\u0007',
  ]

  test('spec-ci trace validate: the file name, keys and quoted lines come out on one line each, escaped', async () => {
    const p = project('inject-cli')
    const file = p.write(`traces/${NAME}`, `${LINES.join('\n')}\n`)
    const r = await p.guard(() => runSpecCi(['trace', 'validate', file, '--out', path.join(p.dir, 'hermetic-reports/trace')], { cwd: p.dir }), { boundMs: BOUND_MS })
    expect(r.code).toBe(1)
    expect(workflowCommands(r)).toEqual([])
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/)
    const shown = 'traces/x\\n::error::owned.ndjson'
    expect(r.stdout).toContain(`${shown}: invalid (kvonce, ndjson, 2 events)`)
    expect(r.stdout).toContain(`${shown}:2 "k\\u{2028}::warning::key" — second success for key "k\\u{2028}::warning::key"; the first was at line 1`)
    expect(r.stdout).toMatch(new RegExp(`${shown.replace(/[\\.]/g, '\\$&')}:3 — line is not valid JSON: .*\\\\x1b\\]0;title\\\\x07`))
    // The report files we write are named without the control character.
    expect(r.stdout).toContain('reports written to hermetic-reports/trace/x_::error::owned-validation.json, hermetic-reports/trace/x_::error::owned-projection.json')
  })

  test('spec-ci: an error about an input is escaped too', async () => {
    const p = project('inject-cli-error')
    const r = await p.guard(() => runSpecCi(['trace', 'validate', `missing\n::error::gone.ndjson`], { cwd: p.dir }), { boundMs: BOUND_MS })
    expect(r.code).toBe(2)
    expect(workflowCommands(r)).toEqual([])
    expect(r.stderr).toContain('spec-ci: cannot open trace file missing\\n::error::gone.ndjson: ENOENT')
  })

  test('vitest: a trace whose name holds a line break fails its one test, named escaped; a name Vitest would skip is not lost', async () => {
    const p = project('inject-vitest')
    p.write(`traces/${NAME}`, `${LINES.join('\n')}\n`)
    // Vitest's glob silently lists neither of these: a name starting with a line break, a folder holding one.
    p.write('traces/\nleading.ndjson', '{"type":"success","key":"a"}\n')
    p.write('traces/dir\n::notice::x/inner.ndjson', '{"type":"success","key":"a"}\n')
    const r = await p.guard(() => runVitestCli(p.name, ['run']), { boundMs: BOUND_MS })
    expect(r.code).toBe(1)
    expect(workflowCommands(r)).toEqual([])
    expect(r.stdout).toMatch(OK_TRACE)
    const refusal = (shown: string): string => `RefusedTraceFile: trace file name ${shown} holds a control character (shown escaped)`
    expect(printed(r)).toContain(refusal('traces/x\\n::error::owned.ndjson'))
    expect(printed(r)).toContain(refusal('traces/\\nleading.ndjson'))
    expect(printed(r)).toContain(refusal('traces/dir\\n::notice::x/inner.ndjson'))
    expect(r.stdout).toMatch(/Test Files +3 failed \| 1 passed \(4\)/)
  })
})

describe('only regular files are read: a FIFO, a device or a symlink to one is refused without reading', () => {
  function specialFiles(p: HostileProject): { fifo: string; linkToFifo: string; linkToZero: string } {
    const fifo = path.join(p.dir, 'traces/pipe.ndjson')
    mkdirSync(path.dirname(fifo), { recursive: true })
    execFileSync('mkfifo', [fifo])
    // The linked FIFO lives outside the project: the guard checks that nothing there changes either.
    const outsideFifo = path.join(p.outside, 'pipe')
    execFileSync('mkfifo', [outsideFifo])
    const linkToFifo = path.join(p.dir, 'traces/linked-pipe.ndjson')
    symlinkSync(outsideFifo, linkToFifo)
    const linkToZero = path.join(p.dir, 'traces/zero.ndjson')
    symlinkSync('/dev/zero', linkToZero)
    return { fifo, linkToFifo, linkToZero }
  }
  const REASON = 'not a regular file: only regular files are read as traces'

  test('spec-ci trace validate: exit 2 at once, naming the file and what it is', async () => {
    const p = project('special-cli')
    const files = specialFiles(p)
    const run = (file: string): Promise<CliResult> => runSpecCi(['trace', 'validate', file], { cwd: p.dir })
    const [fifo, linkToFifo, linkToZero] = await p.guard(() => Promise.all([run(files.fifo), run(files.linkToFifo), run(files.linkToZero)]), { boundMs: BOUND_MS })
    for (const r of [fifo, linkToFifo, linkToZero]) expect(r.code, r.stderr).toBe(2)
    expect(fifo.stderr).toContain(`spec-ci: trace file ${files.fifo} is a FIFO (named pipe), ${REASON}`)
    expect(linkToFifo.stderr).toContain(`spec-ci: trace file ${files.linkToFifo} is a FIFO (named pipe) (the symlink's target ${path.join(p.outside, 'pipe')}), ${REASON}`)
    expect(linkToZero.stderr).toContain(`spec-ci: trace file ${files.linkToZero} is a character device (the symlink's target /dev/zero), ${REASON}`)
  })

  test('vitest: each fails its one test with the reason, the run ends, the ordinary trace passes', async () => {
    const p = project('special-vitest')
    specialFiles(p)
    const r = await p.guard(() => runVitestCli(p.name, ['run']), { boundMs: BOUND_MS })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(OK_TRACE)
    expect(printed(r)).toContain(`RefusedTraceFile: trace file traces/pipe.ndjson is a FIFO (named pipe), ${REASON}`)
    expect(printed(r)).toContain(`RefusedTraceFile: trace file traces/linked-pipe.ndjson is a FIFO (named pipe) (the symlink's target ${path.join(p.outside, 'pipe')}), ${REASON}`)
    expect(printed(r)).toContain(`RefusedTraceFile: trace file traces/zero.ndjson is a character device (the symlink's target /dev/zero), ${REASON}`)
    expect(r.stdout).toMatch(/Test Files +3 failed \| 1 passed \(4\)/)
  })
})

describe('gzip bombs: reading stops at maxDecompressedBytes, reported as event-schema at the line reached', () => {
  const capMessage = (cap: number): string => `the gzip trace decompresses to more than ${cap} bytes (maxDecompressedBytes); reading stopped here`

  test('spec-ci trace validate --max-decompressed-bytes: 256 MiB of line breaks stop at 4 MiB', async () => {
    const p = project('bomb-cli')
    mkdirSync(path.join(p.dir, 'traces'), { recursive: true })
    const file = await writeGzipBomb(path.join(p.dir, 'traces/bomb.ndjson.gz'), 256)
    const cap = 4 << 20
    const out = path.join(p.dir, 'hermetic-reports/trace')
    const r = await p.guard(() => runSpecCi(['trace', 'validate', file, '--max-decompressed-bytes', String(cap), '--out', out], { cwd: p.dir }), { boundMs: BOUND_MS })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`traces/bomb.ndjson.gz:${cap + 1} — ${capMessage(cap)}`)
    const report = JSON.parse(readFileSync(path.join(out, 'bomb-validation.json'), 'utf8'))
    expect(report.issues).toEqual([expect.objectContaining({ type: 'event-schema', line: cap + 1, message: expect.stringContaining(capMessage(cap)) })])
    const bad = await runSpecCi(['trace', 'validate', file, '--max-decompressed-bytes', '0'], { cwd: p.dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--max-decompressed-bytes 0: expected a positive whole number of bytes')
  })

  test('vitest: a bomb past conformance.maxDecompressedBytes fails rule event-schema at the line reached; the events before it are checked', async () => {
    const p = project('bomb-vitest')
    mkdirSync(path.join(p.dir, 'traces'), { recursive: true })
    // Three events, then 64 MiB without a line break: past the fixture's cap of 8 MiB (conformance.maxDecompressedBytes).
    const events = '{"type":"success","key":"a"}\n{"type":"success","key":"a"}\n{"type":"retry","key":"b"}\n'
    const block = Buffer.alloc(1 << 20, 0x78)
    function* content(): Generator<Buffer> {
      yield Buffer.from(events)
      for (let i = 0; i < 64; i++) yield block
    }
    await pipeline(Readable.from(content()), createGzip({ level: 9, strategy: constants.Z_RLE }), createWriteStream(path.join(p.dir, 'traces/bomb.ndjson.gz')))
    const run = await p.guard(() => runFixture(p.name), { boundMs: BOUND_MS })
    const schema = run.get('traces/bomb.ndjson.gz', 'rule event-schema')
    expect(schema.state).toBe('failed')
    expect(schema.errors[0]!.message).toContain(`traces/bomb.ndjson.gz:4 — ${capMessage(8 * 1024 * 1024)}`)
    expect(schema.errors[0]).toMatchObject({ file: 'traces/bomb.ndjson.gz', line: 4 })
    expect(run.get('traces/bomb.ndjson.gz', 'rule multiple-success')).toMatchObject({ state: 'failed', errors: [expect.objectContaining({ line: 2 })] })
    expect(run.cases.filter((c) => c.file === 'traces/ok.ndjson').map((c) => c.state)).toEqual(Array(7).fill('passed'))
  })
})
