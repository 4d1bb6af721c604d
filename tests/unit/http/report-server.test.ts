import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { resolveServedFile } from '../../../src/http/report-server.ts'

const parent = realpathSync(mkdtempSync(path.join(tmpdir(), 'spec-ci-served-')))
const root = path.join(parent, 'reports')
mkdirSync(path.join(root, 'spec-ci'), { recursive: true })
writeFileSync(path.join(root, 'spec-ci/index.html'), 'page')
writeFileSync(path.join(parent, 'secret.txt'), 'secret')
mkdirSync(path.join(root, 'trace'))
symlinkSync(path.join(root, 'spec-ci/index.html'), path.join(root, 'trace/inside-link.html'))
symlinkSync(parent, path.join(root, 'up'))

describe('resolveServedFile', () => {
  test('/ is the dashboard; plain paths under the root are served, links that stay inside too', () => {
    expect(resolveServedFile(root, '/')).toEqual({ file: path.join(root, 'spec-ci/index.html') })
    expect(resolveServedFile(root, '/spec-ci/index.html')).toEqual({ file: path.join(root, 'spec-ci/index.html') })
    expect(resolveServedFile(root, '/trace/inside-link.html')).toEqual({ file: path.join(root, 'spec-ci/index.html') })
  })

  test('.., dot-names, backslashes, NUL and empty segments are refused, encoded or not; links out too', () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/spec-ci/%2E%2E%2F..%2Fsecret.txt', '/.hidden', '/spec-ci//index.html', '/a%5c..%5csecret.txt', '/spec-ci/index.html%00', '/up/secret.txt'])
      expect(resolveServedFile(root, p), p).toMatchObject({ status: 403 })
  })

  test('missing files, folders and malformed escapes are 404', () => {
    expect(resolveServedFile(root, '/spec-ci/nope.html')).toMatchObject({ status: 404 })
    expect(resolveServedFile(root, '/spec-ci')).toMatchObject({ status: 404, reason: 'not a file' })
    expect(resolveServedFile(root, '/%E0%A4%A')).toMatchObject({ status: 404, reason: 'malformed path' })
  })
})
