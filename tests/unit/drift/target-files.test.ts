import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
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

  test('an update that would write through a symbolic link folder inside the target is refused before anything is written', async () => {
    const outside = tree({ 'victim.txt': 'keep' })
    const committed = tree({ 'a.txt': 'old' })
    symlinkSync(outside, path.join(committed, 'sub'))
    const generated = tree({ 'a.txt': 'new', 'sub/victim.txt': 'overwritten' })
    const result = await compareTrees(committed, generated)
    expect(result.changes.map((c) => [c.status, c.file])).toEqual([['M', 'a.txt'], ['A', 'sub/victim.txt']])
    await expect(updateTarget(committed, generated, result.changes)).rejects.toThrow('sub/victim.txt (through the symbolic link sub)')
    expect(readFileSync(path.join(outside, 'victim.txt'), 'utf8')).toBe('keep')
    expect(readFileSync(path.join(committed, 'a.txt'), 'utf8')).toBe('old')
  })

  test('a committed file that is a symbolic link is never replaced nor written through', async () => {
    const outside = tree({ 'keep.txt': 'keep' })
    const committed = tree({ 'a.txt': 'old' })
    symlinkSync(path.join(outside, 'keep.txt'), path.join(committed, 'link.txt'))
    const generated = tree({ 'a.txt': 'new', 'link.txt': 'overwritten' })
    const result = await compareTrees(committed, generated)
    expect(result.changes.map((c) => [c.status, c.file])).toEqual([['M', 'a.txt'], ['A', 'link.txt']])
    await expect(updateTarget(committed, generated, result.changes)).rejects.toThrow('\n  link.txt (is a symbolic link; it is never replaced)')
    expect(lstatSync(path.join(committed, 'link.txt')).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(outside, 'keep.txt'), 'utf8')).toBe('keep')
    expect(readFileSync(path.join(committed, 'a.txt'), 'utf8')).toBe('old')
  })

  test('given the project root, a target folder that became a link itself is refused, for writes and removals', async () => {
    const outside = tree({ 'old.txt': 'keep' })
    const root = tree({ 'elsewhere/x': 'x' })
    mkdirSync(path.join(root, 'gen'))
    symlinkSync(outside, path.join(root, 'gen/target'))
    const generated = tree({ 'new.txt': 'new' })
    const changes = [
      { file: 'new.txt', status: 'A' as const },
      { file: 'old.txt', status: 'D' as const },
    ]
    await expect(updateTarget(path.join(root, 'gen/target'), generated, changes, { root })).rejects.toThrow(
      'update refused, nothing was written: these files lie behind a symbolic link inside the target, or are one (an update never writes through a link nor replaces one); replace each link with the real folder or file\n  gen/target/new.txt (through the symbolic link gen/target)\n  gen/target/old.txt (through the symbolic link gen/target)',
    )
    expect(readdirSync(outside)).toEqual(['old.txt'])
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

  test('the run ends when the generator exits, although a job it left in the background still holds stderr', async () => {
    const out = tree({})
    const run = await runGenerator(`echo started >&2; sleep 100 & exit 0`, { cwd: out, outDir: out, timeoutMs: 60_000 })
    expect(run).toMatchObject({ exitCode: 0, timedOut: false, stderrTail: 'started' })
  })

  test('a generator past its timeout is killed with everything it started', async () => {
    const out = tree({})
    const run = await runGenerator(`node -e "require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); setInterval(() => {}, 1000)" {out}`, { cwd: out, outDir: out, timeoutMs: 300 })
    expect(run.timedOut).toBe(true)
    expect(run.signal).toBe('SIGKILL')
  })
})
