/** The JSON type of a parsed value, as named in messages: object, array, string, number, boolean, null. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}
