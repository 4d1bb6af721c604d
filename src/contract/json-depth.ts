/**
 * Whether a JSON value nests objects and arrays deeper than `maxDepth` levels, found without recursion
 * (the value may come from `JSON.parse`, which builds any depth; walking it recursively is what overflows).
 * A scalar has depth 0, `[]` and `{}` depth 1.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const stack: Array<[node: unknown, depth: number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (node === null || typeof node !== 'object') continue
    if (depth + 1 > maxDepth) return true
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1])
  }
  return false
}
