/** JSON.stringify replacer: a bigint (an exact 64-bit OTLP integer) becomes its decimal string. */
export function bigintAsDecimal(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

/** The text of a JSON report file (summary.json, the origin's trace reports): indented, bigints as decimal strings, a final newline. */
export function stringifyReport(value: unknown): string {
  return `${JSON.stringify(value, bigintAsDecimal, 2)}\n`
}
