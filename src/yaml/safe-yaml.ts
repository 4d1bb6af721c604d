import { LineCounter, parseDocument, type Document, type Node } from 'yaml'

/**
 * Aliases a YAML input (drift manifest, YAML artifact, conformance sidecar) may resolve, per value
 * converted: enough for real files, far too few for a billion-laughs expansion.
 */
export const YAML_ALIAS_LIMIT = 100

export interface YamlProblem {
  line: number
  message: string
}

export type SafeYaml = { ok: true; value: unknown; document: Document.Parsed; lines: LineCounter } | { ok: false; problem: YamlProblem }

/**
 * The one way the package reads YAML: 1.2, for data only, duplicate keys are errors, aliases are capped
 * ({@link YAML_ALIAS_LIMIT}), no custom tags. The first problem comes back with its 1-based line;
 * `lines` gives the line of any node of `document`.
 */
export function parseYamlSafely(text: string): SafeYaml {
  const lines = new LineCounter()
  const document = parseDocument(text, { version: '1.2', uniqueKeys: true, lineCounter: lines, prettyErrors: false, strict: true })
  const error = document.errors[0]
  if (error) return { ok: false, problem: { line: lines.linePos(error.pos[0]).line, message: error.message.split('\n')[0]! } }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: YAML_ALIAS_LIMIT }), document, lines }
  } catch (e) {
    return { ok: false, problem: { line: 1, message: (e as Error).message } }
  }
}

/** One node of a document from {@link parseYamlSafely} as plain data, under the same alias cap. */
export function yamlNodeToJs(node: Node, document: Document.Parsed): unknown {
  return node.toJS(document, { maxAliasCount: YAML_ALIAS_LIMIT })
}
