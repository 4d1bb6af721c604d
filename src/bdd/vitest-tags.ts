/**
 * Gherkin tags as Vitest 4.1 test tags. A Gherkin tag `@smoke` is the Vitest tag `smoke` (the `@`
 * dropped, so `vitest --tags-filter smoke` reads as Vitest users write it); `@@x` is `@x`. Vitest
 * refuses tag names with whitespace, `!`, `*`, `&`, `|`, `(`, `)` or equal to `and`/`or`/`not`: such a
 * Gherkin tag (e.g. `@issue(12)`) has no Vitest tag; it stays in the scenario's meta and pickle, and
 * `generate.tags` (a Cucumber tag expression) still selects by it.
 */
export function vitestTagName(gherkinTag: string): string | undefined {
  const name = gherkinTag.startsWith('@') ? gherkinTag.slice(1) : gherkinTag
  if (name === '' || /[\s!*&|()]/.test(name) || /^(and|or|not)$/i.test(name)) return undefined
  return name
}

/**
 * The Gherkin tags written in a .feature file, found by a scan of its tag lines (trimmed lines that
 * start with `@`, split as Gherkin splits them: a ` #` starts a comment, `@` starts each tag). It runs
 * when the config loads, over every feature of the project, to declare their tags in the project's
 * `test.tags` (Vitest checks test tags against them, and `--tags-filter` can only name declared tags).
 * A scan is enough there and costs a fraction of a parse: a doc string line starting with `@` may add
 * a tag no scenario has, which only lists one more tag; no tag of a tag line can be missed.
 */
export function scanGherkinTags(text: string): string[] {
  const tags = new Set<string>()
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim()
    if (!line.startsWith('@')) continue
    const uncommented = line.split(/\s#/, 2)[0]!
    for (const item of uncommented.split('@')) {
      const tag = item.trimEnd()
      if (tag !== '' && /^\S+$/.test(tag)) tags.add(`@${tag}`)
    }
  }
  return [...tags]
}
