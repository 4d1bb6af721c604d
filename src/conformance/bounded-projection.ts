/**
 * A projection with `perKey` cut to its first `maxKeys` keys (first-seen order) and `perKeyTruncated`
 * counting the rest; the totals stay exact. Used where a projection travels as test meta.
 */
export function boundedProjection(projection: Record<string, unknown>, maxKeys: number): Record<string, unknown> {
  const perKey = projection.perKey as Record<string, unknown> | undefined
  if (!perKey) return projection
  const keys = Object.keys(perKey)
  if (keys.length <= maxKeys) return projection
  // Null prototype: "__proto__" stays an ordinary key.
  const kept: Record<string, unknown> = Object.create(null)
  for (const key of keys.slice(0, maxKeys)) kept[key] = perKey[key]
  return { ...projection, perKey: kept, perKeyTruncated: keys.length - maxKeys }
}
