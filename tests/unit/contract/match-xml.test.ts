import { describe, expect, test } from 'vitest'
import { matchMessage } from '../../../src/contract/match-message.ts'
import { isXmlBody, matchXmlBody } from '../../../src/contract/match-xml.ts'
import { parseContract } from '../../../src/contract/parse-contract.ts'
import type { RuleSet } from '../../../src/contract/types.ts'

const rule = (...matchers: RuleSet['matchers']): RuleSet => ({ matchers, combine: 'AND' })
const response = { allowUnexpectedKeys: true }
const request = { allowUnexpectedKeys: false }
const paths = (ms: Array<{ kind: string; path: string }>) => ms.map((m) => [m.kind, m.path])

const expected = '<?xml version="1.0"?><catalog version="2"><item id="1" kind="book"><title>Dune</title></item></catalog>'

describe('XML bodies', () => {
  test('an XML body is told by its content type, else by its text', () => {
    expect(isXmlBody('application/xml; charset=utf-8', '<a/>')).toBe(true)
    expect(isXmlBody('application/atom+xml', '<a/>')).toBe(true)
    expect(isXmlBody('text/plain', '<a/>')).toBe(false)
    expect(isXmlBody(undefined, '<?xml version="1.0"?><a/>')).toBe(true)
    expect(isXmlBody(undefined, 'plain')).toBe(false)
    // Markup that is not XML, without a content type, stays text.
    expect(isXmlBody(undefined, '<b>hi')).toBe(false)
  })

  test('elements, attributes (@name) and text (#text) are compared, at paths naming them', () => {
    expect(matchXmlBody(expected, expected.replace('<?xml version="1.0"?>', ''), [], response)).toEqual([])
    const got = matchXmlBody(expected, '<catalog version="3"><item id="1" kind="film"><title>Ubik</title></item></catalog>', [], response)
    expect(paths(got)).toEqual([
      ['body', "$.body.catalog['@version']"],
      ['body', "$.body.catalog.item[0]['@kind']"],
      ['body', "$.body.catalog.item[0].title[0]['#text']"],
    ])
    expect(got[2]!.message).toBe(`$.body.catalog.item[0].title[0]['#text']: expected text "Dune" but got "Ubik"`)
    expect(paths(matchXmlBody(expected, '<catalog version="2"><item id="1" kind="book"/></catalog>', [], response))).toEqual([['missing', '$.body.catalog.item[0].title[0]']])
    expect(paths(matchXmlBody(expected, '<shop/>', [], response))).toEqual([['body', '$.body.catalog']])
  })

  test('a response may carry attributes and elements the contract does not name; a request may not', () => {
    const more = '<catalog version="2" extra="x"><item id="1" kind="book"><title>Dune</title><isbn>1</isbn></item></catalog>'
    expect(matchXmlBody(expected, more, [], response)).toEqual([])
    expect(paths(matchXmlBody(expected, more, [], request))).toEqual([
      ['unexpected', "$.body.catalog['@extra']"],
      ['unexpected', '$.body.catalog.item[0].isbn'],
    ])
  })

  test('matching rules apply by Pact paths: $.root.child[*][\'@id\'], .* and #text; a type rule makes same-named siblings a list', () => {
    const rules: Array<[string, RuleSet]> = [
      ['$.catalog.item', rule({ match: 'type', min: 2 })],
      ["$.catalog.item[*]['@id']", rule({ match: 'regex', regex: '^\\d+$' })],
      ['$.catalog.item.title.#text', rule({ match: 'regex', regex: '^[A-Z].*' })],
    ]
    const two = '<catalog version="2"><item id="7" kind="film"><title>Solaris</title></item><item id="8" kind="book"><title>Ubik</title></item></catalog>'
    expect(matchXmlBody(expected, two, rules, response)).toEqual([])
    const bad = '<catalog version="2"><item id="x7" kind="book"><title>solaris</title></item></catalog>'
    expect(paths(matchXmlBody(expected, bad, rules, response))).toEqual([
      ['min', '$.body.catalog.item'],
      ['regex', "$.body.catalog.item[0]['@id']"],
      ['regex', "$.body.catalog.item[0].title[0]['#text']"],
    ])
  })

  test('namespaces compare by URI, not by prefix; a body that is not XML fails clearly', () => {
    const ns = '<a:root xmlns:a="urn:x"><a:v>1</a:v></a:root>'
    expect(matchXmlBody(ns, '<b:root xmlns:b="urn:x"><b:v>1</b:v></b:root>', [], response)).toEqual([])
    expect(paths(matchXmlBody(ns, '<b:root xmlns:b="urn:y"><b:v>1</b:v></b:root>', [], response))).toEqual([['body', '$.body.root']])
    const [broken] = matchXmlBody(expected, '<catalog><item></catalog>', [], response)
    expect(broken!.message).toMatch(/^\$\.body: expected an XML body, but it cannot be parsed: /)
  })

  test('message contents with an XML content type are matched as XML', () => {
    const [m] = parseContract(
      JSON.stringify({
        consumer: { name: 'c' },
        provider: { name: 'p' },
        interactions: [{ type: 'Asynchronous/Messages', description: 'x', contents: { content: '<note to="ann"><body>hi</body></note>', contentType: 'application/xml', encoded: false } }],
        metadata: { pactSpecification: { version: '4.0' } },
      }),
    ).interactions
    const expectedMessage = m!.message!.responses[0]!
    expect(matchMessage(expectedMessage, { contents: '<note to="ann" from="bob"><body>hi</body></note>', metadata: {} })).toEqual([])
    expect(paths(matchMessage(expectedMessage, { contents: '<note to="bob"><body>hi</body></note>', metadata: {} }))).toEqual([['body', "$.contents.note['@to']"]])
  })
})
