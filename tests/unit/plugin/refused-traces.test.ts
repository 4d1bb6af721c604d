import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { harnessPath } from '../../../plugin/harness-path.ts'
import { refusalOf, renderRefusedTraceModule, unlistedTraceFiles } from '../../../plugin/conformance/refused-traces.ts'

const root = mkdtempSync(path.join(tmpdir(), 'spec-ci-refused-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const put = (rel: string): string => {
  const file = path.join(root, rel)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, '{}\n')
  return file
}

describe('refusalOf', () => {
  test('a regular file, or a symlink to one, is fine; a missing file is left to the reader', () => {
    const file = put('traces/ok.ndjson')
    symlinkSync(file, path.join(root, 'traces/link.ndjson'))
    expect(refusalOf(file, 'traces/ok.ndjson')).toBeUndefined()
    expect(refusalOf(path.join(root, 'traces/link.ndjson'), 'traces/link.ndjson')).toBeUndefined()
    expect(refusalOf(path.join(root, 'traces/gone.ndjson'), 'traces/gone.ndjson')).toBeUndefined()
  })

  test('says what a special file is and where a symlink leads, escaped', () => {
    symlinkSync('/dev/zero', path.join(root, 'traces/zero.ndjson'))
    expect(refusalOf(path.join(root, 'traces/zero.ndjson'), 'traces/zero.ndjson')).toMatch(
      /^trace file traces\/zero\.ndjson is a character device \(the symlink's target \/dev\/zero\), not a regular file: /,
    )
    const name = 'traces/a\u2028b.ndjson'
    expect(refusalOf(put(name), name)).toMatch(/^trace file name traces\/a\\u\{2028\}b\.ndjson holds a control character/)
  })
})

describe('unlistedTraceFiles', () => {
  test('finds the traces Vitest’s glob would not list: special files and names it cannot match', () => {
    const dir = mkdtempSync(path.join(root, 'project-'))
    const at = (rel: string): string => path.join(dir, rel)
    mkdirSync(at('traces/sub'), { recursive: true })
    execFileSync('mkfifo', [at('traces/sub/pipe.ndjson')])
    execFileSync('mkfifo', [at('traces/pipe.txt')])
    for (const rel of ['traces/ok.ndjson', 'traces/mid\nname.ndjson', 'traces/\nlead.ndjson', 'traces/d\nir/in.ndjson', 'traces/skip/\nx.ndjson', 'node_modules/\ny.ndjson'])
      put(path.relative(root, at(rel)))
    const found = unlistedTraceFiles(dir, ['traces/**/*.ndjson', '**/*.ndjson'], ['traces/skip/**'])
    // The mid-name line break is matched by the glob (Vitest lists it); refusalOf refuses it there.
    expect(found.map((f) => path.relative(dir, f)).sort()).toEqual(['traces/\nlead.ndjson', 'traces/d\nir/in.ndjson', 'traces/sub/pipe.ndjson'].sort())
  })
})

describe('renderRefusedTraceModule', () => {
  test('one failing test whose message is the reason; nothing is imported but vitest and the location setter', () => {
    const { code, map } = renderRefusedTraceModule('traces/zero.ndjson', 'trace file traces/zero.ndjson is a character device')
    expect(code).toContain(`describe("zero.ndjson", () => {`)
    expect(code).toContain(`new Error("trace file traces/zero.ndjson is a character device")`)
    expect(code.match(/^import .*$/gm)).toEqual([`import { atLine, suiteAtLine } from ${JSON.stringify(harnessPath('task-location'))}`, `import { describe, test } from 'vitest'`])
    // Rollup's "no source map": nothing points at (or makes Vite read) the refused file.
    expect(map).toEqual({ mappings: '' })
  })
})
