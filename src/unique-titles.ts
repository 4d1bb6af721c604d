/** Titles made unique in order: a repeated title gets ` (2)`, ` (3)`, … so each test keeps a stable name. */
export function uniqueTitles(titles: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return titles.map((title) => {
    const n = (seen.get(title) ?? 0) + 1
    seen.set(title, n)
    return n === 1 ? title : `${title} (${n})`
  })
}
