import { expect, test } from 'vitest'
import { titleLiteral } from '../../../plugin/module-writer.ts'

// Vitest's static collection takes a title's characters between the quotes as written: a literal
// that needs no escape is read exactly.
const staticRead = (literal: string) => literal.slice(1, -1)

test('a title is written so that evaluating it and reading it statically give the same text whenever the quotes allow', () => {
  for (const title of ['plain', 'Support du mot-clef "Et "', `it's "quoted"`, 'a `tick` and "quote"', 'émoji 🙈 "x"']) {
    const literal = titleLiteral(title)
    expect(new Function(`return ${literal}`)(), title).toBe(title)
    expect(staticRead(literal), title).toBe(title)
  }
})

test('a title that needs an escape whatever the quotes is JSON, still evaluating to the title', () => {
  for (const title of ['back\\slash "q"', `all three ' " \``, 'template ${x} \' "', 'line\u2028sep "q"']) {
    const literal = titleLiteral(title)
    expect(literal).toBe(JSON.stringify(title))
    expect(new Function(`return ${literal}`)(), title).toBe(title)
  }
})
