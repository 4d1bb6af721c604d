import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { tempDir } from './reporter-helpers.ts'
import { runVitestCli } from './run-cli.ts'

test('a summary that cannot be written is said, and the run ends failed although every test passed', async () => {
  // The report directory is a file: nothing can be written under it.
  const blocked = path.join(tempDir('blocked-report'), 'not-a-dir')
  writeFileSync(blocked, 'a file where the report directory should be\n')
  const result = await runVitestCli('projects-listed', ['run'], { SPEC_CI_REPORT_DIR: blocked })
  expect(result.stdout).toMatch(/Tests +\d+ passed/)
  expect(result.stderr + result.stdout).toContain('vitest-spec-ci: could not write the summary: Error: ENOTDIR: not a directory')
  expect(result.stderr + result.stdout).not.toContain('Unhandled')
  expect(result.code).toBe(1)
})
