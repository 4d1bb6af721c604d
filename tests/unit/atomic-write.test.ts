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
