import { describe, expect, test } from 'vitest'
import { decodeContract, encodeContract } from '../../../src/contract/contract-codec.ts'
import { matchMessage } from '../../../src/contract/match-message.ts'
import { parseContract } from '../../../src/contract/parse-contract.ts'
import { NO_BODY } from '../../../src/contract/types.ts'

const v4 = (interactions: unknown[]) => JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions, metadata: { pactSpecification: { version: '4.0' } } }, null, 2)

describe('message interactions are read', () => {
  test('v3 messages: contents, metaData (old spelling) and matching rules by category', () => {
    const text = JSON.stringify({
      consumer: { name: 'c' },
      provider: { name: 'p' },
      messages: [{ description: 'e', contents: { a: 1 }, metaData: { topic: 't' }, matchingRules: { body: { '$.a': { matchers: [{ match: 'integer' }] } }, metadata: { topic: { matchers: [{ match: 'regex', regex: 't+' }] } } } }],
      metadata: { pactSpecification: { version: '3.0.0' } },
    })
    const [m] = parseContract(text).interactions
    expect(m).toMatchObject({ kind: 'message', message: { kind: 'asynchronous', responses: [{ contents: { a: 1 }, metadata: [['topic', 't']]}] } })
    expect(m!.message!.responses[0]!.rules.body[0]![0]).toBe('$.a')
    expect(m!.message!.responses[0]!.rules.metadata[0]![0]).toBe('topic')
  })

  test('v4 asynchronous contents are unwrapped (base64 decoded, JSON parsed); synchronous ones have a request and responses', () => {
    const contract = parseContract(
      v4([
        { type: 'Asynchronous/Messages', description: 'a', contents: { content: Buffer.from('{"k":1}').toString('base64'), contentType: 'application/json', encoded: 'base64' } },
        { type: 'Synchronous/Messages', description: 's', request: { contents: { content: { q: 1 }, contentType: 'application/json', encoded: false } }, response: [{ contents: { content: 'pong', contentType: 'text/plain', encoded: false } }] },
      ]),
    )
    expect(contract.interactions[0]!.message!.responses[0]!.contents).toEqual({ k: 1 })
    expect(contract.interactions[1]!.message).toMatchObject({ kind: 'synchronous', request: { contents: { q: 1 } }, responses: [{ contents: 'pong', contentType: 'text/plain' }] })
  })

  test('a message without contents survives the trip to the worker as "no contents"', () => {
    const back = decodeContract(encodeContract(parseContract(v4([{ type: 'Asynchronous/Messages', description: 'a', metadata: { x: '1' } }]))))
    expect(back.interactions[0]!.message!.responses[0]!.contents).toBe(NO_BODY)
  })

  test('a broken message fails at its line: a synchronous one without responses, an interaction type nobody verifies', () => {
    const text = v4([
      { type: 'Synchronous/Messages', description: 's', request: { contents: { content: {} } } },
      { type: 'Plugin/Thing', description: 'p' },
    ])
    const [sync, plugin] = parseContract(text).interactions
    expect(sync).toMatchObject({ kind: 'message', problem: { message: 'a synchronous message needs "response": a list of the expected response messages', line: 9 }, line: 9 })
    expect(plugin!.problem!.message).toBe('interaction type "Plugin/Thing" is not one vitest-spec-ci verifies (Synchronous/HTTP, Asynchronous/Messages, Synchronous/Messages)')
  })
})

describe('messages are matched', () => {
  const [m] = parseContract(
    v4([
      {
        type: 'Asynchronous/Messages',
        description: 'a',
        contents: { content: { id: 1 }, contentType: 'application/json', encoded: false },
        metadata: { contentType: 'application/json', topic: 'orders', partition: 3 },
        matchingRules: { body: { '$.id': { matchers: [{ match: 'integer' }] } }, metadata: { topic: { matchers: [{ match: 'regex', regex: '^orders(\\.[a-z]+)?$' }] } } },
      },
    ]),
  ).interactions
  const expected = m!.message!.responses[0]!

  test('contents by the body rules, metadata by the metadata rules (or equal); extra metadata is fine', () => {
    expect(matchMessage(expected, { contents: { id: 9, more: true }, metadata: { topic: 'orders.eu', partition: 3, extra: 'x' } })).toEqual([])
    expect(matchMessage(expected, { contents: { id: '9' }, metadata: { topic: 'payments', partition: '3' } }).map((x) => [x.kind, x.path])).toEqual([
      ['integer', '$.contents.id'],
      ['regex', '$.metadata.topic'],
      ['metadata', '$.metadata.partition'],
    ])
    expect(matchMessage(expected, { contents: { id: 1 }, metadata: { topic: 'orders' } }).map((x) => x.message)).toEqual(['$.metadata.partition: expected 3 but the message has no such metadata'])
  })

  test('a content type compares as a media type, and a producer that gives none is not failed for it', () => {
    const rest = { topic: 'orders', partition: 3 }
    expect(matchMessage(expected, { contents: { id: 1 }, metadata: rest })).toEqual([])
    expect(matchMessage(expected, { contents: { id: 1 }, metadata: { ...rest, 'Content-Type': 'application/json; charset=UTF-8' } })).toEqual([])
    expect(matchMessage(expected, { contents: { id: 1 }, metadata: { ...rest, contentType: 'text/plain' } }).map((x) => [x.kind, x.path])).toEqual([['metadata', '$.metadata.contentType']])
  })
})

describe('metadata and contents as the official verifier (Pact JS 16.5) judges them', () => {
  // Each of these was run through Pact JS's Verifier with messageProviders: every one fails there too.
  const [m] = parseContract(
    JSON.stringify({
      consumer: { name: 'c' },
      provider: { name: 'p' },
      messages: [{ description: 'm', contents: { a: 1 }, metadata: { partition: '1', contentType: 'application/json', topic: 'x' } }],
      metadata: { pactSpecification: { version: '3.0.0' } },
    }),
  ).interactions
  const expected = m!.message!.responses[0]!
  const good = { partition: '1', topic: 'x' }
  test.each([
    ['a number for a string in metadata', { contents: { a: 1 }, metadata: { ...good, partition: 1 } }, 'metadata'],
    ['another content type', { contents: { a: 1 }, metadata: { ...good, contentType: 'text/plain' } }, 'metadata'],
    ['a missing metadata key', { contents: { a: 1 }, metadata: { partition: '1' } }, 'metadata'],
    ['no contents', { contents: NO_BODY, metadata: good }, 'missing'],
    ['JSON text for an object', { contents: '{"a":1}', metadata: good }, 'type'],
  ])('%s fails', (_what, actual, kind) => {
    expect(matchMessage(expected, actual).map((x) => x.kind)).toEqual([kind])
  })
  test('the same message with its metadata passes', () => expect(matchMessage(expected, { contents: { a: 1 }, metadata: good })).toEqual([]))
})

test('message contents encoded as text that nest deeper than maxJsonDepth fail at the message, not in the matcher', () => {
  const deep = '['.repeat(40) + ']'.repeat(40)
  const [m] = parseContract(
    v4([{ type: 'Asynchronous/Messages', description: 'deep', contents: { content: Buffer.from(deep).toString('base64'), contentType: 'application/json', encoded: 'base64' } }]),
    { maxJsonDepth: 32 },
  ).interactions
  expect(m).toMatchObject({ kind: 'message', problem: { message: 'contents nest objects and arrays deeper than 32 levels; raise contract.maxJsonDepth if the contract really needs it' } })
})
