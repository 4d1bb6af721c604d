import type { Violation } from '../spec-model/types.ts'

/**
 * Keeps `kept` the first `cap` violations by line (equal lines in arrival order). Violations arrive
 * almost always in line order, so this is one comparison and a push; one found late (e.g.
 * retry-context-missing, known only once a later retry carries a number) is inserted in its place.
 */
export function keepFirstByLine(kept: Violation[], violation: Violation, cap: number): void {
  const n = kept.length
  if (n === 0 || kept[n - 1]!.line <= violation.line) {
    if (n < cap) kept.push(violation)
    return
  }
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (kept[mid]!.line <= violation.line) lo = mid + 1
    else hi = mid
  }
  kept.splice(lo, 0, violation)
  if (kept.length > cap) kept.pop()
}
