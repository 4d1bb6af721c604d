/**
 * Pact's matching-rule paths (`$.items[*].id`, `$['a b']`, `$.*`) and how a rule is chosen for a value:
 * a rule applies to the value at its path and, cascading, to everything below it; of the rules that
 * apply, the one with the highest weight wins (exact names and indexes weigh 2, wildcards 1, multiplied
 * along the path), ties going to the longer path.
 */

export type PathToken =
  | { kind: 'root' }
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'star' }
  | { kind: 'star-index' }

/** Where a value sits: `'$'`, then object keys (strings) and array indexes (numbers). */
export type ValuePath = ReadonlyArray<string | number>

export function parsePactPath(expression: string): PathToken[] | undefined {
  const tokens: PathToken[] = []
  let i = 0
  if (expression.startsWith('$')) {
    tokens.push({ kind: 'root' })
    i = 1
  } else {
    tokens.push({ kind: 'root' })
    expression = '.' + expression
  }
  while (i < expression.length) {
    const c = expression[i]
    if (c === '.') {
      let end = i + 1
      while (end < expression.length && expression[end] !== '.' && expression[end] !== '[') end++
      const name = expression.slice(i + 1, end)
      if (name === '') return undefined
      tokens.push(name === '*' ? { kind: 'star' } : { kind: 'field', name })
      i = end
    } else if (c === '[') {
      const end = expression.indexOf(']', i)
      if (end < 0) return undefined
      const inner = expression.slice(i + 1, end)
      if (inner === '*') tokens.push({ kind: 'star-index' })
      else if (/^\d+$/.test(inner)) tokens.push({ kind: 'index', index: Number(inner) })
      else {
        const quoted = /^'(.*)'$|^"(.*)"$/.exec(inner)
        if (!quoted) return undefined
        tokens.push({ kind: 'field', name: quoted[1] ?? quoted[2] ?? '' })
      }
      i = end + 1
    } else return undefined
  }
  return tokens
}

function tokenWeight(token: PathToken, segment: string | number, position: number): number {
  switch (token.kind) {
    case 'root':
      return position === 0 ? 2 : 0
    case 'field':
      return position > 0 && String(segment) === token.name ? 2 : 0
    case 'index':
      return segment === token.index ? 2 : 0
    case 'star':
      return position > 0 ? 1 : 0
    case 'star-index':
      return typeof segment === 'number' ? 1 : 0
  }
}

/** The weight of a rule for the value at `path` (0: it does not apply), and the rule's length. */
export function pathWeight(tokens: readonly PathToken[], path: ValuePath): number {
  if (tokens.length > path.length) return 0
  let weight = 1
  for (let i = 0; i < tokens.length; i++) {
    weight *= tokenWeight(tokens[i]!, path[i]!, i)
    if (weight === 0) return 0
  }
  return weight
}

/** `$.items[0]['a b']`, for messages. */
export function formatValuePath(path: ValuePath): string {
  let out = ''
  for (const [i, segment] of path.entries()) {
    if (i === 0) out += String(segment)
    else if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}
