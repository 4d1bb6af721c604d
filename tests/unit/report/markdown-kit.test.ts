import { describe, expect, test } from 'vitest'
import { createMarkdownKit, escapeInline, MAX_INLINE_CHARS } from '../../../src/report/markdown-kit.ts'

describe('escapeInline', () => {
  test.each([
    ['<img src=x onerror=alert(1)>', '&#60;img src=x onerror=alert&#40;1&#41;&#62;'],
    ['@everyone and @org/team', '@&#8203;everyone and @&#8203;org/team'],
    ['<!-- vitest-spec-ci -->', '&#60;&#33;-- vitest-spec-ci --&#62;'],
    ['`code` and ``more``', '&#96;code&#96; and &#96;&#96;more&#96;&#96;'],
    ['a|b', 'a&#124;b'],
    ['*bold* _em_ ~~s~~ [l](u) $x$', '&#42;bold&#42; &#95;em&#95; &#126;&#126;s&#126;&#126; &#91;l&#93;&#40;u&#41; &#36;x&#36;'],
    ['line\r\nnext\nthird', 'line ↵ next ↵ third'],
    ['- list', '&#45; list'],
    ['12. numbered', '12&#46; numbered'],
    ['a - b', 'a - b'],
    ['tab\u0007bell', 'tab\ufffdbell'],
  ])('%j renders as inert text', (input, expected) => {
    expect(escapeInline(input)).toBe(expected)
  })

  test('turns any value into text: numbers, null, bigint, objects', () => {
    expect(escapeInline(12)).toBe('12')
    expect(escapeInline(null)).toBe('null')
    expect(escapeInline(2n ** 64n)).toBe('18446744073709551616')
    expect(escapeInline({ a: [1] })).toBe('&#123;"a":&#91;1&#93;&#125;')
  })

  test('cuts a very long value so one input cannot fill a PR comment', () => {
    const out = escapeInline('x'.repeat(10_000))
    expect(out).toBe(`${'x'.repeat(MAX_INLINE_CHARS)}…`)
  })
})

describe('createMarkdownKit', () => {
  test('code spans cannot be broken out of and keep the marker out of the comment body', () => {
    const md = createMarkdownKit()
    expect(md.code('a`|<!-- vitest-spec-ci -->')).toBe('<code>a&#96;&#124;&#60;&#33;-- vitest-spec-ci --&#62;</code>')
  })

  test('a table escapes raw cells, keeps cells the kit made, and pads short rows', () => {
    const md = createMarkdownKit()
    const table = md.table(['where', 'what'], [[md.code('x.ndjson:3'), '<b>raw|cell</b>'], [7]])
    expect(table.split('\n')).toEqual([
      '| where | what |',
      '| --- | --- |',
      '| <code>x.ndjson:3</code> | &#60;b&#62;raw&#124;cell&#60;/b&#62; |',
      '| 7 |  |',
    ])
  })

  test('every row of a table of hostile values has exactly the header’s cells', () => {
    const md = createMarkdownKit()
    const hostile = ['a|b', 'c\nd|e', '\\|', '`|`']
    const table = md.table(['one', 'two'], hostile.map((h) => [h, md.text(h)]))
    for (const row of table.split('\n')) expect(row.split('|')).toHaveLength(4)
  })
})
