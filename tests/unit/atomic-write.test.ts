import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { writeChunksAtomic } from '../../src/atomic-write.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-ci-atomic-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('a source that fails at once, while the temporary file is still being created, leaves nothing behind', async () => {
  const file = path.join(dir, 'out.json')
  for (let i = 0; i < 100; i++) {
    await expect(
      writeChunksAtomic(file, (function* () {
        throw new Error(`source broke ${i}`)
      })()),
    ).rejects.toThrow(`source broke ${i}`)
  }
  expect(readdirSync(dir)).toEqual([])
  await writeChunksAtomic(file, ['{}', '\n'])
  expect(readFileSync(file, 'utf8')).toBe('{}\n')
  expect(readdirSync(dir)).toEqual(['out.json'])
})

test('text of many pieces, non-ASCII and over several writes, arrives whole and in order', async () => {
  const file = path.join(dir, 'many.ndjson')
  const lines = Array.from({ length: 20_000 }, (_, i) => `${JSON.stringify({ i, text: `ключ-${i} 🔑 ${'x'.repeat(i % 50)}` })}\n`)
  await writeChunksAtomic(file, lines)
  expect(readFileSync(file, 'utf8')).toBe(lines.join(''))
  expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
})

test('a source that fails after some writes leaves the previous file in place and no temporary file', async () => {
  const file = path.join(dir, 'kept.json')
  await writeChunksAtomic(file, ['"before"\n'])
  await expect(
    writeChunksAtomic(file, (function* () {
      for (let i = 0; i < 10; i++) yield 'y'.repeat(64 * 1024)
      throw new Error('source broke late')
    })()),
  ).rejects.toThrow('source broke late')
  expect(readFileSync(file, 'utf8')).toBe('"before"\n')
  expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
})
