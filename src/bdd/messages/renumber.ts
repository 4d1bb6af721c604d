/** Hands out the run's ids: one incrementing sequence for the whole output, as Cucumber does. */
export class RunIds {
  private next = 0
  /** Record ids (stable hashes from the harness) → the run's ids. */
  private readonly byRecordId = new Map<string, string>()

  fresh(): string {
    return String(this.next++)
  }

  /** The run's id of a record id (a step definition, hook or parameter type), the same on every call. */
  of(recordId: string): string {
    let id = this.byRecordId.get(recordId)
    if (id === undefined) {
      id = this.fresh()
      this.byRecordId.set(recordId, id)
    }
    return id
  }

  has(recordId: string): boolean {
    return this.byRecordId.has(recordId)
  }
}

const ID_KEYS = new Set(['id', 'astNodeId'])

/**
 * A copy of a Gherkin document or pickle with the file's own ids replaced by the run's: `fileIds` maps
 * one file's ids (unique within that file) so that a pickle's `astNodeIds` still name its document's nodes.
 */
export function renumbered<T>(value: T, fileIds: Map<string, string>, ids: RunIds): T {
  const map = (id: string): string => {
    let fresh = fileIds.get(id)
    if (fresh === undefined) {
      fresh = ids.fresh()
      fileIds.set(id, fresh)
    }
    return fresh
  }
  const walk = (node: unknown, key: string | undefined): unknown => {
    if (Array.isArray(node)) return key === 'astNodeIds' ? node.map((id) => map(String(id))) : node.map((item) => walk(item, undefined))
    if (node === null || typeof node !== 'object') return key !== undefined && ID_KEYS.has(key) && typeof node === 'string' ? map(node) : node
    const copy: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(node)) copy[k] = walk(v, k)
    return copy
  }
  return walk(value, undefined) as T
}
