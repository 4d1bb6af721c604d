import { describe, expect, test } from 'vitest'
import { fileDiff, MAX_DIFF_CHARS, MAX_DIFF_LINES } from '../../../src/drift/file-diff.ts'

describe('fileDiff', () => {
  test('a changed file: a unified diff of the normalised texts, committed first', () => {
    expect(fileDiff({ file: 'x.json', status: 'M', expected: '{\n  "a": 1\n}\n', actual: '{\n  "a": 2\n}\n' }, 'out/x.json')).toEqual({
      file: 'out/x.json',
      diff: '--- committed/out/x.json\n+++ generated/out/x.json\n@@ -1,3 +1,3 @@\n {\n-  "a": 1\n+  "a": 2\n }',
      lines: 7,
      truncated: false,
    })
  })

  test('an added or deleted file diffs against nothing', () => {
    expect(fileDiff({ file: 'n.txt', status: 'A', actual: 'new\n' }, 'n.txt').diff).toBe('--- committed/n.txt\n+++ generated/n.txt\n@@ -0,0 +1,1 @@\n+new')
    expect(fileDiff({ file: 'o.txt', status: 'D', expected: 'old\n' }, 'o.txt').diff).toBe('--- committed/o.txt\n+++ generated/o.txt\n@@ -1,1 +0,0 @@\n-old')
  })

  test('cut to its line and character bounds; binary files get their note, no diff', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n')
    const long = fileDiff({ file: 'l.txt', status: 'A', actual: `${many}\n` }, 'l.txt')
    expect(long.truncated).toBe(true)
    expect(long.lines).toBe(1003)
    expect(long.diff!.split('\n')).toHaveLength(MAX_DIFF_LINES)
    const wide = fileDiff({ file: 'w.txt', status: 'A', actual: `${'x'.repeat(30_000)}\n` }, 'w.txt')
    expect(wide.diff).toHaveLength(MAX_DIFF_CHARS)
    expect(wide.truncated).toBe(true)
    expect(fileDiff({ file: 'b.bin', status: 'M', expected: 'a', actual: 'b', note: 'binary: compared byte for byte' }, 'b.bin')).toEqual({ file: 'b.bin', lines: 0, truncated: false, note: 'binary: compared byte for byte' })
  })
})
