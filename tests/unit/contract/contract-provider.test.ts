import { createServer } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import { startProvider } from '../../../generated-test-harness/contract-provider.ts'
import { ProviderUnavailableError, sendRequest } from '../../../generated-test-harness/contract-request.ts'
import { emptyRules } from '../../../src/contract/matching-rules.ts'
import { NO_BODY, type ExpectedRequest } from '../../../src/contract/types.ts'

const get = (path: string): ExpectedRequest => ({ method: 'GET', path, query: [['q', ['a b']]], headers: [], body: NO_BODY, matchingRules: emptyRules() })

const limits = (timeoutMs: number) => ({ timeoutMs, maxBodyBytes: 1024 * 1024, maxJsonDepth: 256 })

const stops: Array<() => Promise<void>> = []
afterEach(async () => {
  while (stops.length) await stops.pop()!()
})

describe('the provider harness', () => {
  test('a server returned without listening is started on 127.0.0.1 with a free port, and stopped', async () => {
    const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url })))
    const provider = await startProvider(() => server, 'provider.ts', 2000)
    stops.push(provider.stop)
    expect(provider.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await sendRequest(provider.baseUrl, get('/x'), limits(2000))
    expect(response).toMatchObject({ status: 200, body: { url: '/x?q=a%20b' } })
    await provider.stop()
    stops.pop()
    expect(server.listening).toBe(false)
  })

  test('a server the start function already started is waited for, not started twice', async () => {
    const server = createServer((_req, res) => res.end('ok'))
    const provider = await startProvider(({ host, port }) => server.listen(port, host), 'provider.ts', 2000)
    stops.push(provider.stop)
    expect((await sendRequest(provider.baseUrl, get('/'), limits(2000))).body).toBe('ok')
  })

  test('a start function returning something else is a clear error', async () => {
    await expect(startProvider(() => 42, 'provider.ts', 2000)).rejects.toThrow('the start function of provider.ts must return a node:http Server or { url, close }, but returned number')
  })

  test('a provider that never answers fails after the timeout with the request named', async () => {
    const server = createServer(() => {})
    const provider = await startProvider(() => server, 'slow.ts', 2000)
    stops.push(provider.stop)
    const failure = sendRequest(provider.baseUrl, get('/slow'), limits(150))
    await expect(failure).rejects.toBeInstanceOf(ProviderUnavailableError)
    await expect(failure).rejects.toThrow(`the provider did not answer GET ${provider.baseUrl}/slow?q=a%20b within 150 ms (contract.provider.timeout)`)
  })
})
