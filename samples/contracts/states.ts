/**
 * Provider state handlers of the sample contracts, by state name. Each sets the state up through the
 * provider's own API, so it works against a started service and against `SPEC_CI_PROVIDER_URL` alike.
 */
async function call(baseUrl: string, method: string, path: string, body: unknown, ok: number[]): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  await response.arrayBuffer()
  if (!ok.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}`)
}

export default {
  /** For the event messages (kv-once-events.pact.json): the producer itself writes, so nothing to set up. */
  'a key is written': async () => {},
  'a key is written twice': async () => {},
  /** `{ key, value }`: the key holds the value (written now, or already). */
  'key is written': async (params: Record<string, unknown>, { baseUrl }: { baseUrl: string }) => {
    await call(baseUrl, 'PUT', `/kv/${encodeURIComponent(String(params.key))}`, { value: String(params.value) }, [201, 409])
  },
  /** `{ sku, onHand }` */
  'sku is in stock': async (params: Record<string, unknown>, { baseUrl }: { baseUrl: string }) => {
    await call(baseUrl, 'PUT', `/inventory/${encodeURIComponent(String(params.sku))}`, { onHand: params.onHand }, [204])
  },
}
