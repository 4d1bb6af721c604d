const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function vlq(value: number): string {
  let v = value < 0 ? (-value << 1) | 1 : value << 1
  let out = ''
  do {
    let digit = v & 31
    v >>>= 5
    if (v > 0) digit |= 32
    out += BASE64[digit]
  } while (v > 0)
  return out
}

/**
 * Source-map `mappings` that send generated line i (0-based) to column 0 of source line
 * `sourceLines[i]` (1-based): one segment per line, each field relative to the previous segment.
 */
export function lineMappings(sourceLines: readonly number[]): string {
  let previous = 0
  return sourceLines
    .map((line) => {
      const segment = `A${'A'}${vlq(line - 1 - previous)}A`
      previous = line - 1
      return segment
    })
    .join(';')
}
