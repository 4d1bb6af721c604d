import { describe, expect, test } from 'vitest'
import { parseDuration } from '../../../src/duration.ts'
import { parseManifest } from '../../../src/drift/manifest.ts'

describe('parseManifest', () => {
  test('reads targets with their defaults and lines', () => {
    const parsed = parseManifest('# drift\ntargets:\n  - path: out/spec\n    run: node gen.mjs --out {out}\n    inputs: specs/**\n    timeout: 2m\n  - path: out/b\n    run: gen {out}\n')
    expect(parsed).toEqual({
      ok: true,
      targets: [
        { path: 'out/spec', run: 'node gen.mjs --out {out}', inputs: ['specs/**'], exclude: [], ignorePaths: [], timeoutMs: 120_000, line: 3 },
        { path: 'out/b', run: 'gen {out}', inputs: [], exclude: [], ignorePaths: [], timeoutMs: 60_000, line: 7 },
      ],
    })
  })

  test('a bad target fails alone, at its line, saying what to write', () => {
    const parsed = parseManifest('targets:\n  - path: a\n    run: gen {out}\n  - path: b\n    run: gen\n  - run: gen {out}\n  - path: c\n    run: gen {out}\n    timeout: soon\n')
    expect(parsed.ok && parsed.targets.map((t) => ('problem' in t ? [t.line, t.problem] : [t.line, 'ok']))).toEqual([
      [2, 'ok'],
      [4, 'target b: "run" must write into {out} (a fresh temporary directory), e.g. "node gen.mjs --out {out}"; the generator never runs inside the committed target'],
      [6, 'targets[2] needs "path": the committed output directory, relative to the project root'],
      [7, 'target c: "timeout" is "soon"; expected a duration such as 60s, 500ms or 2m'],
    ])
  })

  test('YAML errors, duplicate keys, alias bombs and a missing targets list fail the manifest at their line', () => {
    expect(parseManifest('targets:\n  - path: a\n    path: b\n')).toEqual({ ok: false, problem: { line: 3, message: 'Map keys must be unique' } })
    expect(parseManifest('targets: [\n')).toMatchObject({ ok: false, problem: { line: 2 } })
    expect(parseManifest('target: []\n')).toEqual({ ok: false, problem: { line: 1, message: 'unknown field "target"; a manifest has only "targets"' } })
    const bomb = `x: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n${Array.from({ length: 12 }, (_, i) => `l${i}: &l${i} [${Array(10).fill(i === 0 ? '*a' : `*l${i - 1}`).join(', ')}]`).join('\n')}\ntargets: []\n`
    expect(parseManifest(bomb)).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/alias/i) } })
  })
})

test('durations: 60s, 500ms, 2m, 1h, always with a unit', () => {
  expect([parseDuration('60s'), parseDuration('500ms'), parseDuration('2m'), parseDuration('1h'), parseDuration('1.5s')]).toEqual([60_000, 500, 120_000, 3_600_000, 1_500])
  expect([parseDuration('0s'), parseDuration('soon'), parseDuration('90'), parseDuration('-1s')]).toEqual([undefined, undefined, undefined, undefined])
})

test("a target's timeout is spelled as every timeout option: a number is milliseconds", () => {
  const parsed = parseManifest('targets:\n  - path: a\n    run: gen {out}\n    timeout: 1500\n  - path: b\n    run: gen {out}\n    timeout: "90"\n')
  expect(parsed.ok && parsed.targets.map((t) => ('problem' in t ? t.problem : t.timeoutMs))).toEqual([1500, 'target b: "timeout" is "90"; expected a duration such as 60s, 500ms or 2m'])
})
