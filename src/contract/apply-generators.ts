import { generateValue, type GeneratorContext } from './generate-value.ts'
import { parsePactPath, type PathToken, type ValuePath } from './pact-path.ts'
import { NO_BODY, type ExpectedRequest, type ExpectedResponse, type Generator, type Generators } from './types.ts'
import { isJsonObject } from '../json/is-json-object.ts'

export { GeneratorError, type GeneratorContext } from './generate-value.ts'

/** Does the rule path name exactly this value (wildcards included)? */
function names(tokens: readonly PathToken[], path: ValuePath): boolean {
  if (tokens.length !== path.length) return false
  return tokens.every((t, i) => {
    const segment = path[i]!
    switch (t.kind) {
      case 'root': return i === 0
      case 'field': return i > 0 && String(segment) === t.name
      case 'index': return segment === t.index
      case 'star': return i > 0
      case 'star-index': return typeof segment === 'number'
    }
  })
}

/** A copy of `body` with every value a generator's path names replaced by the generator's value. */
function generateBody(body: unknown, generators: ReadonlyArray<[string, Generator]>, context: GeneratorContext, side: string): unknown {
  if (generators.length === 0 || body === NO_BODY) return body
  const compiled = generators.flatMap(([path, g]) => {
    const tokens = parsePactPath(path)
    return tokens ? [{ path, tokens, g }] : []
  })
  const visit = (value: unknown, path: ValuePath): unknown => {
    let out = value
    if (Array.isArray(value)) out = value.map((v, i) => visit(v, [...path, i]))
    else if (isJsonObject(value)) out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, [...path, k])]))
    for (const { path: where, tokens, g } of compiled)
      if (names(tokens, path)) {
        const generated = generateValue(g, context, `${side} body ${where}`)
        if (generated !== undefined) out = generated
      }
    return out
  }
  // A text body is one value: a generator at `$` replaces it.
  return visit(body, ['$'])
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))

function generateHeaders(headers: ReadonlyArray<[string, string]>, generators: Generators, context: GeneratorContext, side: string, only?: (g: Generator) => boolean): Array<[string, string]> {
  return headers.map(([name, value]): [string, string] => {
    const g = generators.header.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1]
    if (!g || (only && !only(g))) return [name, value]
    const generated = generateValue(g, context, `${side} header ${name}`)
    return [name, generated === undefined ? value : asText(generated)]
  })
}

/** The request the verifier sends: every generator of the contract's request applied (path, query, headers, body). */
export function generateRequest(request: ExpectedRequest, context: GeneratorContext): ExpectedRequest {
  const generators = request.generators
  if (!generators) return request
  const path = generators.path ? generateValue(generators.path, context, 'request path') : undefined
  return {
    ...request,
    path: path === undefined ? request.path : asText(path),
    query: request.query.map(([name, values]): [string, string[]] => {
      const g = generators.query.find(([n]) => n === name)?.[1]
      if (!g) return [name, values]
      return [name, values.map((v) => {
        const generated = generateValue(g, context, `request query ${name}`)
        return generated === undefined ? v : asText(generated)
      })]
    }),
    headers: generateHeaders(request.headers, generators, context, 'request'),
    body: generateBody(request.body, generators.body, context, 'request'),
  }
}

const fromState = (g: Generator): boolean => g.type === 'ProviderState'

/**
 * The response the provider must give: only ProviderState generators are applied (the values the
 * states returned stand in for the examples), as the official verifier does; other generators only
 * shape what a mock server returns to the consumer.
 */
export function generateExpectedResponse(response: ExpectedResponse, context: GeneratorContext): ExpectedResponse {
  const generators = response.generators
  if (!generators) return response
  const status = generators.status && fromState(generators.status) ? generateValue(generators.status, context, 'response status') : undefined
  return {
    ...response,
    status: status === undefined ? response.status : Number(status),
    headers: generateHeaders(response.headers, generators, context, 'response', fromState),
    body: generateBody(response.body, generators.body.filter(([, g]) => fromState(g)), context, 'response'),
  }
}
