/**
 * A canonical text of a model state of plain data (what {@link SpecOperations} states are): objects
 * with sorted keys, arrays, JSON primitives. Much cheaper than a general stable stringify, and the
 * linearizability search computes it for every state it visits.
 */
export function stateText(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'u' : typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + stateText(value[i])
    return `${out}]`
  }
  const keys = Object.keys(value).sort()
  let out = '{'
  for (let i = 0; i < keys.length; i++) out += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + stateText((value as Record<string, unknown>)[keys[i]!])
  return `${out}}`
}
