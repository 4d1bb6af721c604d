import { describe, expect, test } from 'vitest'
import { dropIgnoredPaths } from '../../../src/drift/ignore-paths.ts'
import { normalizeArtifact, sameArtifact } from '../../../src/drift/normalize.ts'

const bytes = (text: string) => new TextEncoder().encode(text)
const same = (file: string, a: string, b: string, ignore: string[] = []) => sameArtifact(normalizeArtifact(file, bytes(a), ignore), normalizeArtifact(file, bytes(b), ignore))

describe('normalised comparison', () => {
  test('JSON: key order and whitespace do not count, values do', () => {
    expect(same('a.json', '{"b":1,"a":[1,2]}', '{\n  "a": [1, 2],\n  "b": 1\n}\n')).toBe(true)
    expect(same('a.json', '{"a":1}', '{"a":2}')).toBe(false)
    expect(normalizeArtifact('a.json', bytes('{"b":1,"a":2}'), []).text).toBe('{\n  "a": 2,\n  "b": 1\n}')
  })

  test('YAML: parsed as YAML 1.2 data, so flow/block style and key order do not count', () => {
    expect(same('c.yml', 'b: [1, 2]\na: x\n', 'a: x\nb:\n  - 1\n  - 2\n')).toBe(true)
    // YAML 1.2: `no` is a string, not false
    expect(normalizeArtifact('c.yaml', bytes('flag: no\n'), []).text).toBe('{\n  "flag": "no"\n}')
  })

  test('YAML that is not safe data is compared as text, with the reason', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `l${i}: &l${i} [${Array(10).fill(i === 0 ? '*a' : `*l${i - 1}`).join(', ')}]`).join('\n')}\n`
    const result = normalizeArtifact('bomb.yml', bytes(bomb), [])
    expect(result.kind).toBe('text')
    expect(result.note).toMatch(/not valid YAML .*compared as text/)
    expect(normalizeArtifact('dup.yml', bytes('a: 1\na: 2\n'), []).note).toMatch(/line 2: Map keys must be unique/)
  })

  test('text: CRLF and a BOM do not count; other bytes do', () => {
    expect(same('f.feature', 'a\r\nb\r\n', '\uFEFFa\nb\n')).toBe(true)
    expect(same('f.feature', 'a\n', 'a \n')).toBe(false)
  })

  test('binary (not UTF-8, or with NUL bytes) is compared byte for byte', () => {
    const a = normalizeArtifact('x.bin', new Uint8Array([0xff, 0x00, 0x01]), [])
    expect(a.kind).toBe('binary')
    expect(sameArtifact(a, normalizeArtifact('x.bin', new Uint8Array([0xff, 0x00, 0x01]), []))).toBe(true)
    expect(sameArtifact(a, normalizeArtifact('x.bin', new Uint8Array([0xff, 0x00, 0x02]), []))).toBe(false)
  })
})

describe('ignorePaths', () => {
  test('a bare name is dropped at any depth; a dotted path only there; * matches any key or index', () => {
    const value = { generatedAt: 1, meta: { generatedAt: 2, build: { time: 3, id: 4 } }, items: [{ stamp: 5, v: 6 }] }
    expect(dropIgnoredPaths(value, ['generatedAt'])).toEqual({ meta: { build: { time: 3, id: 4 } }, items: [{ stamp: 5, v: 6 }] })
    expect(dropIgnoredPaths(value, ['meta.build.time', 'items.*.stamp'])).toEqual({ generatedAt: 1, meta: { generatedAt: 2, build: { id: 4 } }, items: [{ v: 6 }] })
  })

  test('only the ignored field changed: the same', () => {
    expect(same('m.json', '{"generatedAt":"2025","spec":"kvonce"}', '{"spec":"kvonce","generatedAt":"2026"}', ['generatedAt'])).toBe(true)
    expect(same('m.json', '{"generatedAt":"2025"}', '{"generatedAt":"2026"}')).toBe(false)
  })

  test('"__proto__" keys are ordinary data', () => {
    expect(normalizeArtifact('p.json', bytes('{"__proto__":{"x":1},"a":1}'), ['a']).text).toBe('{\n  "__proto__": {\n    "x": 1\n  }\n}')
  })
})
