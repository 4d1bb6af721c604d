import fs from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { skipPragmaReads } from '../../../plugin/skip-pragma-reads.ts'

/**
 * The skip's own contract on real files: only Vitest 4.1's pragma scan (stood in for here by a function
 * of the same name, reading the way it does) gets `''`, only for claimed files, only while the Vitest
 * that registered is open. Vitest's real scan is met in tests/integration/conformance-docblock.test.ts.
 */
// Spelled in pieces: Vitest reads this test file's own text for pragmas too.
const pragma = `@${'vitest-environment'}`
const traceText = `{"note":"${pragma} jsdom"}\n`
const otherText = `// ${pragma} happy-dom\n`
const dir = mkdtempSync(path.join(tmpdir(), 'spec-ci-pragma-'))
const trace = path.join(dir, 'trace.ndjson')
const other = path.join(dir, 'module.test.ts')
writeFileSync(trace, traceText)
writeFileSync(other, otherText)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Named as in Vitest 4.1's dist (cli-api chunk): the skip looks for this name on the stack.
async function getSpecificationsOptions(files: readonly string[]): Promise<string[]> {
  return Promise.all(files.map(async (file) => fs.promises.readFile(file, 'utf-8').catch(() => '')))
}
async function someoneElse(files: readonly string[]): Promise<string[]> {
  return Promise.all(files.map(async (file) => fs.promises.readFile(file, 'utf-8')))
}

function openVitest() {
  const closers: Array<() => void> = []
  return { vitest: { onClose: (fn: () => void) => void closers.push(fn) }, close: () => closers.forEach((fn) => fn()) }
}

test("Vitest's scan reads a claimed file as '' while that Vitest is open; every other read is Node's", async () => {
  const nodeReadFile = fs.promises.readFile
  const { vitest, close } = openVitest()
  skipPragmaReads(vitest, 'conformance', (file) => file.endsWith('.ndjson'))
  expect(await getSpecificationsOptions([trace, other])).toEqual(['', otherText])
  // Another caller, another encoding, a Buffer: the file's bytes.
  expect(await someoneElse([trace])).toEqual([traceText])
  expect(String(await fs.promises.readFile(trace))).toBe(traceText)
  expect(await fs.promises.readFile(trace, { encoding: 'utf8' })).toBe(traceText)
  close()
  expect(fs.promises.readFile).toBe(nodeReadFile)
  expect(await getSpecificationsOptions([trace])).toEqual([traceText])
})

test('two open Vitests each claim their own files; the skip lasts until the last one closes', async () => {
  const nodeReadFile = fs.promises.readFile
  const a = openVitest()
  const b = openVitest()
  skipPragmaReads(a.vitest, 'conformance', (file) => file === trace)
  skipPragmaReads(b.vitest, 'conformance', (file) => file === other)
  expect(await getSpecificationsOptions([trace, other])).toEqual(['', ''])
  a.close()
  expect(await getSpecificationsOptions([trace, other])).toEqual([traceText, ''])
  b.close()
  expect(fs.promises.readFile).toBe(nodeReadFile)
})

test('an owner registering again (a config reloaded in watch mode) replaces its claims', async () => {
  const { vitest, close } = openVitest()
  skipPragmaReads(vitest, 'conformance', (file) => file === trace)
  skipPragmaReads(vitest, 'conformance', (file) => file === other)
  expect(await getSpecificationsOptions([trace, other])).toEqual([traceText, ''])
  skipPragmaReads(vitest, 'generate', (file) => file === trace)
  expect(await getSpecificationsOptions([trace, other])).toEqual(['', ''])
  close()
})

test("the host's stack limit and stack format neither hide the scan nor change", async () => {
  const { stackTraceLimit, prepareStackTrace } = Error
  const format = () => 'a stack formatted by the host'
  Error.stackTraceLimit = 1
  Error.prepareStackTrace = format
  const { vitest, close } = openVitest()
  try {
    skipPragmaReads(vitest, 'conformance', () => true)
    expect(await getSpecificationsOptions([trace])).toEqual([''])
    expect(await someoneElse([trace])).toEqual([traceText])
    expect([Error.stackTraceLimit, Error.prepareStackTrace]).toEqual([1, format])
  } finally {
    close()
    Error.stackTraceLimit = stackTraceLimit
    Error.prepareStackTrace = prepareStackTrace
  }
})
