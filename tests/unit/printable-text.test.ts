import { describe, expect, test } from 'vitest'
import { reportBaseName } from '../../src/conformance/origin-reports.ts'
import { hasUnprintable, printable } from '../../src/printable-text.ts'

describe('printable', () => {
  test('writes line breaks and tabs out, so a file name cannot start a log line of its own', () => {
    expect(printable('x\n::error::owned.ndjson')).toBe('x\\n::error::owned.ndjson')
    expect(printable('a\r\nb\tc')).toBe('a\\r\\nb\\tc')
  })

  test('other C0 controls, DEL and C1 controls as \\xNN; U+2028 and U+2029 as \\u{…}', () => {
    expect(printable('\u001b[31mred\u0000\u007f\u0085\u009b')).toBe('\\x1b[31mred\\x00\\x7f\\x85\\x9b')
    expect(printable('a\u2028b\u2029c')).toBe('a\\u{2028}b\\u{2029}c')
  })

  test('keeps everything else, backslashes included, so escaping twice changes nothing', () => {
    const text = 'traces/ünïcode — "quoted" \\n C:\\dir 🚀'
    expect(printable(text)).toBe(text)
    expect(printable(printable('x\ny\u0001'))).toBe(printable('x\ny\u0001'))
  })

  test('hasUnprintable tells whether anything would be escaped', () => {
    expect(hasUnprintable('plain.ndjson')).toBe(false)
    expect(hasUnprintable('a\u2029')).toBe(true)
    expect(hasUnprintable('a\u0085')).toBe(true)
  })
})

test('report files are named without control characters: a trace named with a line break gets `_` there', () => {
  expect(reportBaseName('traces/x\n::error::y.ndjson.gz')).toBe('x_::error::y')
  expect(reportBaseName('traces/plain.otlp.jsonl')).toBe('plain')
  expect(reportBaseName('traces/capture.pb')).toBe('capture')
  expect(reportBaseName('traces/capture.binpb.gz')).toBe('capture')
  expect(reportBaseName('traces/capture.PB.GZ')).toBe('capture')
})
