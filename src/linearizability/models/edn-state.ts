import { EdnChar, EdnKeyword, EdnMap, EdnSet, EdnSymbol, EdnTagged } from '../jepsen/edn.ts'
import type { EdnValue } from '../jepsen/edn.ts'
import { hashString, structuralHash } from '../state-identity.ts'

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1)
  return h ^ (h >>> 15)
}

/** A hash of an EDN value consistent with `ednEquals`: 3 and 3N alike, sets and maps in any order. */
export function ednHash(value: EdnValue): number {
  if (value === null || typeof value !== 'object') return structuralHash(value)
  if (Array.isArray(value)) {
    let h = 0x3c6ef372
    for (const item of value as readonly EdnValue[]) h = mix(h, ednHash(item))
    return h
  }
  if (value instanceof EdnKeyword) return hashString(`:${value.name}`)
  if (value instanceof EdnSymbol) return hashString(`'${value.name}`)
  if (value instanceof EdnChar) return hashString(`\\${value.char}`)
  if (value instanceof EdnTagged) return mix(hashString(`#${value.tag}`), ednHash(value.value))
  if (value instanceof EdnSet) {
    let sum = 0x1f83d9ab
    for (const item of value.values) sum = (sum + ednHash(item)) | 0
    return sum
  }
  if (value instanceof EdnMap) {
    let sum = 0x5be0cd19
    for (const [k, v] of value.entries) sum = (sum + mix(ednHash(k), ednHash(v))) | 0
    return sum
  }
  return 0
}
