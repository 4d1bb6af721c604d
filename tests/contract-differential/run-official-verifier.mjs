/**
 * Runs Pact JS's official `Verifier` (its Rust core) over pact files against an HTTP server started here
 * on 127.0.0.1, and returns its verdict per interaction description: `{ [description]: 'passed' | 'failed' }`.
 */
import { Verifier } from '@pact-foundation/pact'

export async function officialVerdicts(server, pactUrls, provider) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  let output
  try {
    output = await new Verifier({ provider, providerBaseUrl: `http://127.0.0.1:${server.address().port}`, pactUrls, logLevel: 'error' })
      .verifyProvider()
      .catch((error) => error.message)
  } finally {
    server.close()
  }
  const report = JSON.parse(output)
  return Object.fromEntries(report.interactionResults.map((r) => [r.description, r.result === 'OK' ? 'passed' : 'failed']))
}
