#!/usr/bin/env node
/**
 * Writes the differential test's corpus (tests/fixtures/contract-differential/pacts/) with Pact JS's own
 * consumer DSL: each interaction below is a consumer test run against Pact's mock server (PactV3,
 * PactV4) or through its message consumer (V3 messages, V4 asynchronous and synchronous messages), and
 * Pact writes the files. The files are committed; run this again after changing the interactions:
 *
 *   node tests/contract-differential/generate-corpus.mjs
 *
 * Every matcher and generator Pact JS offers appears at least once, in a v3 and a v4 file.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { HTTPResponseStatusClass, MatchersV3 as M, MessageConsumerPact, PactV3, PactV4, XmlBuilder, asynchronousBodyHandler } from '@pact-foundation/pact'

const dir = fileURLToPath(new URL('../fixtures/contract-differential/pacts/', import.meta.url))
const PROVIDER = 'diff-provider'

/**
 * The HTTP interactions, as data both DSLs are fed from. `v4Only` ones use what PactV3 cannot write.
 * Paths are unique per interaction: the provider (tests/fixtures/contract-differential/provider/) answers
 * by path.
 */
const http = () => [
  {
    name: 'type matchers',
    request: { method: 'GET', path: '/types' },
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: {
        id: M.integer(42),
        price: M.decimal(9.99),
        score: M.number(7),
        active: M.boolean(true),
        name: M.string('widget'),
        nothing: M.nullValue(),
        kind: M.equal('widget-kind'),
        note: M.like('any text'),
        nested: M.like({ depth: 1, label: 'deep' }),
      },
    },
  },
  {
    name: 'array matchers',
    request: { method: 'GET', path: '/arrays' },
    response: {
      status: 200,
      body: {
        items: M.eachLike({ sku: M.regex('^[A-Z]{3}-\\d+$', 'ABC-1'), qty: M.integer(1) }, 2),
        one: M.atLeastOneLike(1),
        some: M.atLeastLike('s', 2),
        few: M.atMostLike('x', 3),
        range: M.constrainedArrayLike(1, 1, 3),
      },
    },
  },
  {
    name: 'date and time matchers',
    request: { method: 'GET', path: '/dates' },
    response: {
      status: 200,
      body: {
        at: M.datetime("yyyy-MM-dd'T'HH:mm:ss", '2024-01-02T03:04:05'),
        day: M.date('yyyy-MM-dd', '2024-01-02'),
        clock: M.time('HH:mm:ss', '03:04:05'),
        stamp: M.timestamp('yyyy-MM-dd HH:mm:ss', '2024-01-02 03:04:05'),
      },
    },
  },
  {
    name: 'string matchers',
    request: { method: 'GET', path: '/strings' },
    response: {
      status: 200,
      body: {
        greeting: M.includes('hello'),
        ref: M.uuid('e2490de5-5bd3-43d5-b7c4-526e33f71304'),
        link: M.url2('http://localhost:8080', ['things', M.regex('\\d+', '12')]),
        code: M.regex('^[a-z]{2}-\\d{3}$', 'ab-123'),
      },
    },
  },
  {
    name: 'map matchers',
    request: { method: 'GET', path: '/maps' },
    response: {
      status: 200,
      body: {
        byKey: M.eachKeyMatches({ alpha: 1 }, M.regex('^[a-z]+$', 'alpha')),
        byValue: M.eachValueMatches({ first: 'x' }, M.like('x')),
        keyLike: M.eachKeyLike('k1', { n: M.integer(1) }),
      },
    },
  },
  {
    name: 'array contains',
    request: { method: 'GET', path: '/contains' },
    response: { status: 200, body: { events: M.arrayContaining({ kind: 'created', at: M.integer(1) }, { kind: 'updated' }) } },
  },
  {
    name: 'response headers',
    request: { method: 'GET', path: '/headers', headers: { Accept: 'application/json' } },
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': M.regex('^[a-f0-9]{8}$', 'deadbeef'), 'X-Version': '2' },
      body: { ok: true },
    },
  },
  {
    name: 'post with request body and generators',
    request: {
      method: 'POST',
      path: '/things',
      query: { dryRun: 'false', trace: M.regex('^\\d+$', '1') },
      headers: { 'Content-Type': 'application/json' },
      body: { name: M.string('new thing'), ref: M.uuid(), when: M.datetime("yyyy-MM-dd'T'HH:mm:ss", '2024-01-02T03:04:05'), n: M.integer() },
    },
    response: { status: 201, headers: { 'Content-Type': 'application/json' }, body: { created: M.boolean(true), id: M.integer(100) } },
  },
  {
    name: 'provider state with params and injected values',
    state: ['a thing exists', { id: 7, owner: 'ann' }],
    request: { method: 'GET', path: M.fromProviderState('/things/${id}', '/things/1') },
    response: { status: 200, body: { id: M.fromProviderState('${id}', 1), owner: M.string('ann') } },
  },
  {
    name: 'text body',
    request: { method: 'GET', path: '/text', headers: { Accept: 'text/plain' } },
    response: { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'plain words' },
    text: true,
  },
  {
    name: 'xml body',
    request: { method: 'GET', path: '/catalog', headers: { Accept: 'application/xml' } },
    response: {
      status: 200,
      headers: { 'Content-Type': 'application/xml' },
      body: new XmlBuilder('1.0', 'UTF-8', 'catalog').build((catalog) => {
        catalog.eachLike('item', { id: M.regex('^\\d+$', '1'), kind: 'book' }, (item) => {
          item.appendElement('title', {}, M.string('Dune'))
        }, { min: 1 })
      }),
    },
    xml: true,
  },
  {
    name: 'not found',
    request: { method: 'GET', path: '/missing' },
    response: { status: 404 },
  },
  {
    name: 'status class',
    v4Only: true,
    request: { method: 'DELETE', path: '/things/9' },
    response: { status: M.matchStatus(409, HTTPResponseStatusClass.ClientError), body: { error: M.string('conflict') } },
  },
]

/** What the consumer's code does against Pact's mock server: send the request, read the response. */
async function consume(mockUrl, interaction) {
  const r = M.reify(interaction.request)
  const query = r.query ? '?' + new URLSearchParams(r.query).toString() : ''
  const res = await fetch(mockUrl + r.path + query, {
    method: r.method,
    headers: r.headers,
    body: r.body === undefined ? undefined : JSON.stringify(r.body),
  })
  await res.text()
  const expectedStatus = M.reify(interaction.response.status)
  if (res.status !== expectedStatus) throw new Error(`${interaction.name}: mock server answered ${res.status}`)
}

async function writeV3() {
  for (const interaction of http().filter((i) => !i.v4Only)) {
    const pact = new PactV3({ consumer: 'diff-v3-http', provider: PROVIDER, dir, logLevel: 'error' })
    let p = pact
    if (interaction.state) p = p.given(...interaction.state)
    p.uponReceiving(`v3 ${interaction.name}`).withRequest(interaction.request).willRespondWith(interaction.response)
    await pact.executeTest((ms) => consume(ms.url, interaction))
  }
}

async function writeV4() {
  const pact = new PactV4({ consumer: 'diff-v4-http', provider: PROVIDER, dir, logLevel: 'error' })
  for (const interaction of http()) {
    let i = pact.addInteraction()
    if (interaction.state) i = i.given(...interaction.state)
    const { method, path, query, headers, body } = interaction.request
    const { status, headers: resHeaders, body: resBody } = interaction.response
    await i
      .uponReceiving(`v4 ${interaction.name}`)
      .withRequest(method, path, (b) => {
        if (query) b.query(query)
        if (headers) b.headers(headers)
        if (body !== undefined) b.jsonBody(body)
      })
      .willRespondWith(status, (b) => {
        if (resHeaders) b.headers(resHeaders)
        if (resBody === undefined) return
        if (interaction.text) b.body('text/plain', Buffer.from(resBody))
        else if (interaction.xml) b.xmlBody(resBody)
        else b.jsonBody(resBody)
      })
      .executeTest((ms) => consume(ms.url, interaction))
  }
}

/** Message contents and metadata shared by the v3 and v4 files. */
const orderPlaced = () => ({
  contents: { orderId: M.integer(1), placedAt: M.datetime("yyyy-MM-dd'T'HH:mm:ss", '2024-01-02T03:04:05'), lines: M.eachLike({ sku: M.string('A-1'), qty: M.integer(2) }, 1) },
  metadata: { topic: M.regex('^orders(\\.[a-z]+)?$', 'orders'), contentType: 'application/json' },
})
const userDeleted = () => ({ contents: { userId: M.uuid('e2490de5-5bd3-43d5-b7c4-526e33f71304'), reason: M.string('asked') }, metadata: { topic: 'users' } })

async function writeV3Messages() {
  for (const [description, message, state] of [
    ['v3 an order was placed', orderPlaced(), { name: 'an order exists', params: { orderId: 1 } }],
    ['v3 a user was deleted', userDeleted(), undefined],
  ]) {
    const consumer = new MessageConsumerPact({ consumer: 'diff-v3-messages', provider: PROVIDER, dir, logLevel: 'error', spec: 3 })
    let c = consumer
    if (state) c = c.given(state)
    await c.expectsToReceive(description).withContent(message.contents).withMetadata(message.metadata).verify(asynchronousBodyHandler(async () => {}))
  }
}

async function writeV4Messages() {
  const pact = new PactV4({ consumer: 'diff-v4-messages', provider: PROVIDER, dir, logLevel: 'error' })
  for (const [description, message, state] of [
    ['v4 an order was placed', orderPlaced(), ['an order exists', { orderId: 1 }]],
    ['v4 a user was deleted', userDeleted(), undefined],
  ]) {
    let m = pact.addAsynchronousInteraction()
    if (state) m = m.given(...state)
    await m.expectsToReceive(description, (b) => b.withJSONContent(message.contents).withMetadata(message.metadata)).executeTest(async () => {})
  }
  let sync = pact.addSynchronousInteraction('v4 a price is quoted')
  sync = sync.given('prices are listed', { currency: 'EUR' })
  await sync
    .withRequest((b) => b.withJSONContent({ sku: M.string('A-1'), qty: M.integer(3) }))
    .withResponse((b) => b.withJSONContent({ sku: M.string('A-1'), total: M.decimal(29.97), currency: M.regex('^[A-Z]{3}$', 'EUR') }).withMetadata({ contentType: 'application/json' }))
    .executeTest(async () => {})
}

mkdirSync(dir, { recursive: true })
for (const f of readdirSync(dir)) rmSync(dir + f)
await writeV3()
await writeV4()
await writeV3Messages()
await writeV4Messages()
console.log(`written: ${readdirSync(dir).join(', ')}`)
