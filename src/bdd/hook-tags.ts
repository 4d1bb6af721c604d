import { parse, type Node } from '@cucumber/tag-expressions'

/** A hook's tag expression, compiled once; `undefined` applies to every scenario. */
export interface CompiledTags {
  source: string
  node: Node
}

/**
 * Compiles a hook's tag expression (`@db and not @slow`); a bad one is an error naming the hook's
 * API and where it was registered, thrown at registration, as cucumber-js does at load time.
 */
export function compileTags(expression: string, where: string): CompiledTags {
  try {
    return { source: expression, node: parse(expression) }
  } catch (error) {
    throw new TypeError(`${where}: the tag expression ${JSON.stringify(expression)} is not valid: ${(error as Error).message}`)
  }
}

/** Whether a hook with these tags runs for a scenario with those tags (e.g. `['@db', '@smoke']`). */
export function tagsApply(tags: CompiledTags | undefined, scenarioTags: readonly string[]): boolean {
  return tags === undefined || tags.node.evaluate([...scenarioTags])
}
