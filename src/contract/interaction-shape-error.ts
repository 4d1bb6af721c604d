/**
 * A field of an interaction that cannot be used. `node` is the object (or array) of the contract file
 * that holds it and `key`, when given, the field inside it: together they locate the line.
 */
export class InteractionShapeError extends Error {
  override name = 'InteractionShapeError'
  readonly node: unknown
  readonly key: string | undefined
  constructor(message: string, node: unknown, key?: string) {
    super(message)
    this.node = node
    this.key = key
  }
}
