// The generated KvOnce model property ("observable state matches the model": fc.commands of put/get
// from kvonce's declared operations, each result judged by the declared model) beside the same property
// written by hand with plain fast-check (fc.commands, fc.asyncModelRun, fc.assert), on the same
// in-memory store, the same seeds and run counts. In-process; each sample is 5 batches of the runs, and
// the fastest sample of the repeats counts (the machine is shared); target ≤ 1.1x (#17). pnpm bench takes
// 15 samples a side (a sample is ~0.1 s): with 5, the fastest of ours varied from 1.07x to 1.18x of plain
// between runs; with 21, the fastest, the medians and the median of paired ratios agree on 1.03-1.10x.
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { kvonce } from '../dist/src/built-in-specs/index.js'
import { checkProperty, specOperationProperties } from '../dist/src/index.js'

const RUNS = 2000
const TARGET = 1.1
const BATCHES = 5
const min = (xs) => Math.min(...xs)

function createStore({ emit }) {
  const values = new Map()
  return {
    async put(key, value) {
      if (values.has(key)) {
        emit({ type: 'failure', key, reason: 'duplicate' })
        return 'duplicate'
      }
      values.set(key, value)
      emit({ type: 'success', key, value, context: { attempt: 1 } })
      return 'written'
    },
    async get(key) {
      return values.get(key)
    },
  }
}

// The same property, by hand.
const key = fc.constantFrom('a', 'b', 'c', 'd')
const value = fc.nat(3).map((n) => `v${n}`)
class Put {
  constructor(k, v) {
    this.k = k
    this.v = v
  }
  check() {
    return true
  }
  async run(model, real) {
    const result = await real.put(this.k, this.v)
    const expected = model.has(this.k) ? ['duplicate'] : ['written', 'failed']
    if (!expected.includes(result)) throw new Error(`put(${this.k}, ${this.v}) returned ${result}`)
    if (result === 'written') model.set(this.k, this.v)
  }
  toString() {
    return `put(${this.k}, ${this.v})`
  }
}
class Get {
  constructor(k) {
    this.k = k
  }
  check() {
    return true
  }
  async run(model, real) {
    const result = await real.get(this.k)
    if (result !== model.get(this.k)) throw new Error(`get(${this.k}) returned ${result}`)
  }
  toString() {
    return `get(${this.k})`
  }
}
const commands = fc.commands([fc.oneof(fc.tuple(key, value).map(([k, v]) => new Put(k, v)), key.map((k) => new Get(k)))], { maxCommands: 30 })
const plain = fc.asyncProperty(commands, async (cmds) => {
  await fc.asyncModelRun(() => ({ model: new Map(), real: createStore({ emit: () => {} }) }), cmds)
})

const ours = specOperationProperties(kvonce, { implementation: ({ emit }) => createStore({ emit }), specOptions: { maxRetries: 3 } }).find((p) => p.name === 'observable state matches the model')

async function timeOurs(seed) {
  const start = performance.now()
  for (let b = 0; b < BATCHES; b++) {
    const outcome = await checkProperty(ours, { seed: seed * BATCHES + b, numRuns: RUNS })
    if (!outcome.passed) throw new Error(`the generated property failed: ${outcome.reason}`)
  }
  return performance.now() - start
}
async function timePlain(seed) {
  const start = performance.now()
  for (let b = 0; b < BATCHES; b++) await fc.assert(plain, { seed: seed * BATCHES + b, numRuns: RUNS })
  return performance.now() - start
}

export async function propertyBench(repeats = 5) {
  await timeOurs(1)
  await timePlain(1)
  const o = []
  const p = []
  for (let i = 0; i < repeats; i++) {
    o.push(await timeOurs(10 + i))
    p.push(await timePlain(10 + i))
  }
  const ratio = min(o) / min(p)
  console.log(`property: kvonce "observable state matches the model", ${BATCHES} × ${RUNS} runs of ≤ 30 commands, fastest of ${repeats}`)
  console.log(`  plain fast-check (fc.assert, hand-written commands)   ${min(p).toFixed(0).padStart(6)} ms`)
  console.log(`  vitest-spec-ci, generated from kvonce's operations    ${min(o).toFixed(0).padStart(6)} ms`)
  console.log(`  ratio ours / plain                                    ${ratio.toFixed(2)}x   (target ≤ ${TARGET}x)`)
  return { ratio, ok: ratio <= TARGET }
}

// Exit 1: the target missed; 2: the bench broke (pnpm bench tells the two apart).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { ok } = await propertyBench(Number(process.env.BENCH_REPEATS ?? 5))
    if (!ok) process.exitCode = 1
  } catch (error) {
    console.error(error)
    process.exitCode = 2
  }
}
