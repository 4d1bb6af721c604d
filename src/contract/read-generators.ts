import { InteractionShapeError } from './interaction-shape-error.ts'
import type { Generator, Generators } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

/** The generator types the verifier applies; `MockServerURL` is a consumer-side generator and is left alone. */
export const GENERATOR_TYPES: readonly string[] = [
  'RandomInt', 'RandomDecimal', 'RandomHexadecimal', 'RandomString', 'Regex', 'Uuid', 'Date', 'Time', 'DateTime', 'RandomBoolean', 'ProviderState', 'MockServerURL',
]

function toGenerator(raw: unknown, owner: unknown, key: string): Generator | undefined {
  if (!isJsonObject(raw)) return undefined
  if (typeof raw.type !== 'string') throw new InteractionShapeError(`generators: the generator at ${JSON.stringify(key)} has no "type"`, owner, key)
  // The official verifier ignores a generator type it does not know (measured: the interaction passes
  // with the example value), so it is ignored here too rather than failing a correct provider.
  if (!GENERATOR_TYPES.includes(raw.type)) return undefined
  if (raw.type === 'ProviderState' && typeof raw.expression !== 'string')
    throw new InteractionShapeError(`generators: the ProviderState generator at ${JSON.stringify(key)} needs an "expression" string such as "\${id}"`, owner, key)
  if (raw.type === 'Regex' && typeof raw.regex !== 'string') throw new InteractionShapeError(`generators: the Regex generator at ${JSON.stringify(key)} needs a "regex" string`, owner, key)
  return { ...raw, type: raw.type }
}

function entries(raw: unknown): Array<[string, Generator]> {
  if (!isJsonObject(raw)) return []
  return Object.entries(raw).flatMap(([key, value]): Array<[string, Generator]> => {
    const generator = toGenerator(value, raw, key)
    return generator ? [[key, generator]] : []
  })
}

/** Pact v3/v4 `generators`: categories `body` (paths), `header`(`s`), `query`, `path`, `status`. */
export function readGenerators(raw: unknown): Generators | undefined {
  if (!isJsonObject(raw)) return undefined
  const single = (value: unknown, key: string): Generator | undefined => {
    if (!isJsonObject(value)) return undefined
    if (typeof value.type === 'string') return toGenerator(value, raw, key)
    // written keyed by a path, as some writers do: `{ "$": { type } }`
    return entries(value)[0]?.[1]
  }
  const generators: Generators = {
    body: entries(raw.body).map(([path, g]) => [path.startsWith('$') ? path : `$.${path}`, g]),
    header: [...entries(raw.header), ...entries(raw.headers)],
    query: entries(raw.query),
  }
  const path = single(raw.path, 'path')
  if (path) generators.path = path
  const status = single(raw.status, 'status')
  if (status) generators.status = status
  return generators
}
