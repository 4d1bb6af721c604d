import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { failingHistoryDir, writeFailingHistory } from '../../../../src/property/operations/write-failing-history.ts'

const root = mkdtempSync(path.join(tmpdir(), 'spec-ci-history-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

test('writeFailingHistory stays inside the project root', () => {
  expect(failingHistoryDir(root, 'reports/histories')).toBe(path.join(root, 'reports/histories'))
  expect(() => failingHistoryDir(root, '../elsewhere')).toThrow(/is outside the project root/)
  expect(() => failingHistoryDir(root, '/tmp')).toThrow(/is outside the project root/)
  expect(() => failingHistoryDir(root, ' ')).toThrow(/expected a directory inside the project/)
})

test('the trace file is named after spec, property and seed, one line per operation', () => {
  const file = writeFailingHistory(path.join(root, 'h'), 'register', 'concurrent clients: the history is linearizable', -5, {
    clients: 1,
    operations: [],
    trace: { format: 'operations', lines: ['{"type":"read","key":"a","value":null}'] },
  })
  expect(path.basename(file)).toBe('register-concurrent-clients-the-history-is-linearizable-seed--5.ndjson')
  expect(readFileSync(file, 'utf8')).toBe('{"type":"read","key":"a","value":null}\n')
})
