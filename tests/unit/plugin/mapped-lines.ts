import type { LineSourceMap, RenderedModule } from '../../../plugin/module-writer.ts'

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The fields of one source-map segment, as written (Base64 VLQ, each relative to the previous). */
function decodeSegment(segment: string): number[] {
  const fields: number[] = []
  let value = 0
  let shift = 0
  for (const char of segment) {
    const digit = BASE64.indexOf(char)
    value += (digit & 31) << shift
    shift += 5
    if (digit & 32) continue
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
    value = 0
    shift = 0
  }
  return fields
}

/**
 * The input line (1-based) each generated line is mapped to, read back from the map's `mappings`
 * independently of the encoder the writer uses: a test of what a source-map consumer sees.
 */
export function mappedLines(rendered: RenderedModule<LineSourceMap>): Array<number | undefined> {
  let sourceLine = 0
  return rendered.map.mappings.split(';').map((line) => {
    const [first] = line.split(',')
    if (!first) return undefined
    const [, , lineDelta] = decodeSegment(first)
    sourceLine += lineDelta!
    return sourceLine + 1
  })
}
