import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { compareTrees } from '../../../src/drift/compare-trees.ts'
import { runGenerator } from '../../../src/drift/run-generator.ts'
import { resolveTargetPath } from '../../../src/drift/target-path.ts'
import { updateTarget } from '../../../src/drift/update-target.ts'

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-drift-unit-'))
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

describe('resolveTargetPath', () => {
  test('targets inside the root resolve; outside, absolute or through a symlink are refused', () => {
    const root = tree({ 'real/a.txt': 'a' })
    symlinkSync('real', path.join(root, 'link'))
    expect(resolveTargetPath(root, 'real')).toEqual({ ok: true, dir: path.join(root, 'real') })
    expect(resolveTargetPath(root, 'not/yet/there')).toEqual({ ok: true, dir: path.join(root, 'not/yet/there') })
    expect(resolveTargetPath(root, '../outside')).toMatchObject({ ok: false, message: expect.stringContaining('outside the project root') })
    expect(resolveTargetPath(root, 'real/../..')).toMatchObject({ ok: false })
    expect(resolveTargetPath(root, '.')).toMatchObject({ ok: false })
    expect(resolveTargetPath(root, '/etc')).toMatchObject({ ok: false, message: expect.stringContaining('absolute') })
    expect(resolveTargetPath(root, 'link/sub')).toMatchObject({ ok: false, message: expect.stringContaining('symbolic link link') })
  })
})

describe('compareTrees and updateTarget', () => {
  test('A/M/D with normalisation and exclude; the update makes the trees compare equal and touches nothing else', async () => {
    const committed = tree({ 'same.json': '{"a":1}', 'fmt.json': '{"a":1,"b":2}', 'changed.txt': 'old\n', 'gone.txt': 'x', 'build.log': 'old log', 'sub/keep.txt': 'k' })
    const generated = tree({ 'same.json': '{"a":1}', 'fmt.json': '{ "b": 2, "a": 1 }', 'changed.txt': 'new\n', 'new/deep.txt': 'n', 'build.log': 'new log', 'sub/keep.txt': 'k' })
    const result = await compareTrees(committed, generated, { exclude: ['**/*.log'] })
    expect(result.changes.map((c) => [c.status, c.file])).toEqual([
      ['M', 'changed.txt'],
      ['D', 'gone.txt'],
      ['A', 'new/deep.txt'],
    ])
    expect(result.diffstatText).toBe('3 files changed, 2 insertions(+), 2 deletions(-)')
    const update = await updateTarget(committed, generated, result.changes)
    expect(update).toEqual({ written: ['changed.txt', 'new/deep.txt'], deleted: ['gone.txt'] })
    expect((await compareTrees(committed, generated, { exclude: ['**/*.log'] })).changes).toEqual([])
    // Formatting-only and excluded files keep their committed bytes; no temporary files remain.
    expect(readFileSync(path.join(committed, 'fmt.json'), 'utf8')).toBe('{"a":1,"b":2}')
    expect(readFileSync(path.join(committed, 'build.log'), 'utf8')).toBe('old log')
    expect(readdirSync(committed, { recursive: true }).sort()).toEqual(['build.log', 'changed.txt', 'fmt.json', 'new', 'new/deep.txt', 'same.json', 'sub', 'sub/keep.txt'])
  })

  test('a missing committed target is an empty tree: everything generated is A', async () => {
    const generated = tree({ 'a.txt': 'a' })
    const result = await compareTrees(path.join(generated, 'missing'), generated)
    expect(result.changes.map((c) => [c.status, c.file])).toEqual([['A', 'a.txt']])
  })
})

describe('runGenerator', () => {
  test('fills {out}, reports exit code and the stderr tail', async () => {
    const out = tree({})
    const run = await runGenerator(`node -e "require('fs').writeFileSync(process.argv[1] + '/x', 'y'); console.error('line 1\\nline 2'); process.exit(3)" {out}`, { cwd: out, outDir: out, timeoutMs: 10_000 })
    expect(run).toMatchObject({ exitCode: 3, timedOut: false, stderrTail: 'line 1\nline 2' })
    expect(existsSync(path.join(out, 'x'))).toBe(true)
  })

  test('a generator past its timeout is killed with everything it started', async () => {
    const out = tree({})
    const run = await runGenerator(`node -e "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000)" {out}`, { cwd: out, outDir: out, timeoutMs: 300 })
    expect(run.timedOut).toBe(true)
    expect(run.signal).toBe('SIGKILL')
  })
})
