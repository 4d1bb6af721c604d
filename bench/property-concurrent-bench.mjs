// The concurrent property beside the sequential one, on the built-in `register` spec and a correct
// in-memory register: 200 concurrent runs of 4 clients × up to 25 operations (fc.scheduler interleavings,
// every invocation and completion recorded, each history decided by the linearizability engine) against
// 200 sequential runs of up to 100 operations (each result judged by the model as it arrives). Runs of
// `fc.array`/`fc.commands` have random lengths, so the operations each side really ran are counted and
// the target is on the cost per operation: concurrent ≤ 3x sequential. In-process; each sample is 5
// such batches of 200 runs (seeds apart), and the fastest sample of the repeats counts (the machine is
// shared: the minimum is the least disturbed).
import { fileURLToPath } from 'node:url'
import { register } from '../dist/src/built-in-specs/index.js'
import { checkProperty, specOperationProperties } from '../dist/src/index.js'

const RUNS = 200
const CLIENTS = 4
const OPERATIONS_PER_CLIENT = 25
const TARGET = 3
const BATCHES = 5
const min = (xs) => Math.min(...xs)

function countingRegister(counter) {
  return ({ io }) => {
    const values = new Map()
    return {
      async read(key) {
        counter.n++
        await io()
        return values.get(key) ?? null
      },
      async write(key, value) {
        counter.n++
        await io()
        values.set(key, value)
      },
      async cas(key, from, to) {
        counter.n++
        await io()
        if ((values.get(key) ?? null) !== from) return false
        values.set(key, to)
        return true
      },
    }
  }
}

async function measure(which, seed) {
  const counter = { n: 0 }
  const properties = specOperationProperties(register, {
    implementation: countingRegister(counter),
    clients: CLIENTS,
    operationsPerClient: OPERATIONS_PER_CLIENT,
    maxCommands: CLIENTS * OPERATIONS_PER_CLIENT,
  })
  const property = properties.find((p) => p.name.startsWith(which))
  const start = performance.now()
  for (let batch = 0; batch < BATCHES; batch++) {
    const outcome = await checkProperty(property, { seed: seed * BATCHES + batch, numRuns: RUNS })
    if (!outcome.passed) throw new Error(`${property.name} failed on a correct register: ${outcome.reason}`)
  }
  const ms = performance.now() - start
  return { ms, operations: counter.n }
}

export async function propertyConcurrentBench(repeats = 3) {
  await measure('concurrent', 1)
  await measure('observable', 1)
  const concurrent = []
  const sequential = []
  for (let i = 0; i < repeats; i++) {
    concurrent.push(await measure('concurrent', 100 + i))
    sequential.push(await measure('observable', 100 + i))
  }
  const perOp = (m) => m.ms / m.operations
  const c = min(concurrent.map(perOp))
  const s = min(sequential.map(perOp))
  const ratio = c / s
  const ms = (xs) => min(xs.map((m) => m.ms)).toFixed(0).padStart(6)
  const ops = (xs) => min(xs.map((m) => m.operations))
  console.log(`property: register, ${BATCHES} × ${RUNS} runs each, correct in-memory store, fastest of ${repeats}`)
  console.log(`  sequential (≤ ${CLIENTS * OPERATIONS_PER_CLIENT} operations/run, model-checked)         ${ms(sequential)} ms, ${ops(sequential)} operations, ${(s * 1000).toFixed(1)} µs/operation`)
  console.log(`  concurrent (${CLIENTS} clients × ≤ ${OPERATIONS_PER_CLIENT}, recorded, linearizability) ${ms(concurrent)} ms, ${ops(concurrent)} operations, ${(c * 1000).toFixed(1)} µs/operation`)
  console.log(`  ratio concurrent / sequential, per operation  ${ratio.toFixed(2)}x   (target ≤ ${TARGET}x)`)
  return { ratio, ok: ratio <= TARGET }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ok } = await propertyConcurrentBench(Number(process.env.BENCH_REPEATS ?? 5))
  if (!ok) process.exitCode = 1
}
