// Porcupine's oracle histories (tests/fixtures/porcupine) as operations. The etcd logs are in an older
// Jepsen log format, converted to EDN history lines by tests/fixtures/porcupine/etcd-log-to-edn.mjs (test
// code only: it is not a product format), then read by the product's Jepsen reader like any history.edn.
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { readJepsenHistory, readJepsenHistoryFile } from '../../../src/linearizability/jepsen/jepsen-history.ts'
import type { JepsenHistory } from '../../../src/linearizability/jepsen/jepsen-history.ts'
import { register } from '../../../src/linearizability/models/register.ts'
import { etcdLogToEdn } from '../../fixtures/porcupine/etcd-log-to-edn.mjs'

export const ORACLE_DIR = fileURLToPath(new URL('../../fixtures/porcupine/', import.meta.url))

const expectedFile = JSON.parse(readFileSync(`${ORACLE_DIR}expected.json`, 'utf8')) as { linearizable: Record<string, boolean> }

/** Porcupine's verdict per history, by path under the oracle folder: true = linearizable. */
export const expected: Readonly<Record<string, boolean>> = expectedFile.linearizable

export async function readEtcdLog(name: string): Promise<JepsenHistory> {
  const edn = etcdLogToEdn(readFileSync(`${ORACLE_DIR}${name}`, 'utf8'))
  return readJepsenHistory(Readable.from([edn]), { keepFailed: register.keepFailed, file: name })
}

export async function readKvHistory(name: string): Promise<JepsenHistory> {
  return readJepsenHistoryFile(`${ORACLE_DIR}${name}`)
}

export const etcdNames = Object.keys(expected).filter((name) => name.startsWith('jepsen/'))
export const kvNames = Object.keys(expected).filter((name) => name.startsWith('kv/'))
