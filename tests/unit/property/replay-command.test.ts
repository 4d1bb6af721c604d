import { expect, test } from 'vitest'
import { replayCommand } from '../../../src/property/replay-command.ts'

const target = { seed: -17, project: 'property', file: 'tests/kv.property.ts', testName: 'kvonce properties concurrent writers to one key: exactly one succeeds', userAgent: 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64' }

test('the replay command names the seed, the project, the file and the test, with the package manager in use', () => {
  expect(replayCommand(target)).toBe(
    "SPEC_CI_SEED=-17 pnpm vitest run --project property tests/kv.property.ts -t 'kvonce properties concurrent writers to one key: exactly one succeeds'",
  )
  expect(replayCommand({ ...target, userAgent: undefined })).toContain(' npx vitest run ')
})

test('a changed run count is part of the replay; regex characters and quotes in names are escaped for -t and the shell', () => {
  const command = replayCommand({ ...target, numRuns: 25, testName: "it's (really) 1+1" })
  expect(command).toBe(`SPEC_CI_SEED=-17 SPEC_CI_NUM_RUNS=25 pnpm vitest run --project property tests/kv.property.ts -t 'it'\\''s \\(really\\) 1\\+1'`)
})
