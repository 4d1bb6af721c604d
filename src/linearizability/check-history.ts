import { PartitionSearch } from './search.ts'
import { stateIdentity } from './state-identity.ts'
import type {
  CandidateRef,
  CheckHistoryOptions,
  HistoryCheckResult,
  HistoryModel,
  HistoryOperation,
  HistoryTime,
  InvalidOperation,
  LinearizabilityViolation,
  OperationId,
  OperationRef,
  PartitionResult,
  Verdict,
} from './types.ts'

/** The bound of a check when the options give none. */
export const DEFAULT_MAX_STEPS = 10_000_000
const DEFAULT_INITIAL_BUDGET = 1024

function compareTimes(a: HistoryTime, b: HistoryTime): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function isTime(value: unknown): value is HistoryTime {
  return (typeof value === 'number' && !Number.isNaN(value)) || typeof value === 'bigint'
}

function hasNoReturn(op: HistoryOperation): boolean {
  return op.return === undefined || op.return === Number.POSITIVE_INFINITY
}

/** True when no two operations overlap and none has an unknown outcome: one replay decides it. */
export function isSequentialHistory(operations: readonly HistoryOperation[]): boolean {
  const sorted = [...operations].sort((a, b) => compareTimes(a.call, b.call))
  return isSequentialSorted(sorted)
}

function isSequentialSorted(sorted: readonly HistoryOperation[]): boolean {
  for (let i = 0; i < sorted.length; i++) {
    const op = sorted[i]!
    if (op.unknown || hasNoReturn(op)) return false
    const after = sorted[i + 1]
    if (after !== undefined && !(op.return! < after.call)) return false
  }
  return true
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value)
  } catch {
    return String(value)
  }
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text
}

function describeWith<S, I, O>(model: HistoryModel<S, I, O>) {
  return (op: HistoryOperation<I, O>): string => {
    const unknown = op.unknown === true || hasNoReturn(op)
    const output = unknown ? undefined : op.output
    if (model.describeOperation) return model.describeOperation(op.input, output, unknown)
    return clip(`${jsonText(op.input)} -> ${unknown ? '?' : jsonText(output)}`)
  }
}

function refOf<I, O>(op: HistoryOperation<I, O>, describe: (op: HistoryOperation<I, O>) => string): OperationRef {
  const ref: { -readonly [K in keyof OperationRef]: OperationRef[K] } = { id: op.id, line: op.line, description: describe(op) }
  if (op.column !== undefined) ref.column = op.column
  if (op.callLine !== undefined) ref.callLine = op.callLine
  if (op.key !== undefined) ref.key = op.key
  if (op.unknown === true || hasNoReturn(op)) ref.unknown = true
  return ref
}

function describeStateWith<S>(model: HistoryModel<S, never, never>, state: S): string {
  return model.describeState ? model.describeState(state) : clip(jsonText(state))
}

function sharedKey(operations: readonly HistoryOperation[]): string | undefined {
  const key = operations[0]?.key
  if (key === undefined) return undefined
  for (const op of operations) if (op.key !== key) return undefined
  return key
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`checkHistory: option ${name} must be a positive integer, got ${String(value)}`)
  return value
}

/** Why an operation's times cannot be used, or undefined. */
function timeProblem(op: HistoryOperation): string | undefined {
  if (!isTime(op.call)) return `its call time ${jsonText(op.call)} is not a number or bigint`
  if (op.return === undefined) return undefined
  if (!isTime(op.return)) return `its return time ${jsonText(op.return)} is not a number or bigint`
  if (op.return < op.call) return `it returns (${String(op.return)}) before it is called (${String(op.call)})`
  return undefined
}

interface Pending<S, I, O> {
  index: number
  key: string | undefined
  operations: HistoryOperation<I, O>[]
  /** Made at its first turn and dropped once decided: memory is held only by partitions in search. */
  search: PartitionSearch<S, I, O> | undefined
}

/**
 * Decides whether a concurrent history is linearizable with respect to a model: whether some total
 * order of its operations, consistent with real time (a precedes b iff `a.return < b.call`), is
 * accepted step by step by the model. Operations of unknown outcome may take effect at any time after
 * their call, or never.
 *
 * The history is split by the model's `partition` (P-compositionality) and each part decided on its
 * own: a part without overlapping operations by one replay, the others by the Wing–Gong / Lowe search
 * with Porcupine's memoisation, in turns with a step budget that doubles each round. Past the bound
 * (`maxSteps`, `timeoutMs`) a part is `undecided`, never `ok`.
 */
export function checkHistory<State, Input, Output>(
  operations: readonly HistoryOperation<Input, Output>[],
  model: HistoryModel<State, Input, Output>,
  options: CheckHistoryOptions = {},
): HistoryCheckResult<State> {
  const maxSteps = positiveInteger('maxSteps', options.maxSteps, DEFAULT_MAX_STEPS)
  const initialBudget = positiveInteger('initialBudget', options.initialBudget, DEFAULT_INITIAL_BUDGET)
  const timeoutMs = options.timeoutMs
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new RangeError(`checkHistory: option timeoutMs must be a positive number, got ${String(timeoutMs)}`)
  const onViolation = options.onViolation ?? 'stop'
  const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + timeoutMs
  const describe = describeWith(model)
  const identity = stateIdentity(model as HistoryModel<State, never, never>)

  const invalid: InvalidOperation[] = []
  const valid: HistoryOperation<Input, Output>[] = []
  for (const op of operations) {
    const unknown = op.unknown === true || hasNoReturn(op)
    const problem = timeProblem(op) ?? model.validate?.(op.input, unknown ? undefined : op.output, unknown)
    if (problem === undefined) valid.push(op)
    else invalid.push({ operation: refOf(op, describe), message: problem })
  }

  const parts = model.partition ? model.partition(valid) : [valid]
  const results: PartitionResult<State>[] = new Array(parts.length)
  const pending: Pending<State, Input, Output>[] = []
  let steps = 0
  let violationSeen = false

  const ids = (search: PartitionSearch<State, Input, Output>, order: readonly number[]) => {
    const placed: OperationId[] = []
    const omitted: OperationId[] = []
    for (const i of order) {
      if (i >= 0) placed.push(search.operations[i]!.id)
      else omitted.push(search.operations[~i]!.id)
    }
    return { placed, omitted }
  }

  const violationOf = (ops: readonly HistoryOperation<Input, Output>[], blocked: number, candidates: readonly number[], placed: OperationId[], omitted: OperationId[], state: State): LinearizabilityViolation<State> => {
    const candidateRefs: CandidateRef[] = candidates.map((c) => {
      const op = ops[c]!
      const unknown = op.unknown === true || hasNoReturn(op)
      const accepted = model.step(state, op.input, unknown ? undefined : op.output).ok
      return { ...refOf(op, describe), outcome: accepted ? 'dead-end' : 'rejected' }
    })
    return { operation: refOf(ops[blocked]!, describe), candidates: candidateRefs, longestPrefix: placed, omitted, state: describeStateWith(model as HistoryModel<State, never, never>, state), modelState: state }
  }

  for (let index = 0; index < parts.length; index++) {
    const part = [...parts[index]!].sort((a, b) => compareTimes(a.call, b.call))
    const key = sharedKey(part)
    const base = { index, operations: part.length, ...(key === undefined ? {} : { key }) }
    if (part.length === 0) {
      results[index] = { ...base, verdict: 'ok', steps: 0, ...(options.keepLinearization ? { linearization: [] } : {}) }
      continue
    }
    if (isSequentialSorted(part)) {
      // One replay; its steps are counted, never cut by the bound (it is linear in the partition).
      let state = model.init()
      let failedAt = -1
      for (let i = 0; i < part.length; i++) {
        const op = part[i]!
        steps++
        const result = model.step(state, op.input, op.output)
        if (!result.ok) {
          failedAt = i
          break
        }
        state = result.state
      }
      const partSteps = failedAt < 0 ? part.length : failedAt + 1
      if (failedAt < 0) {
        results[index] = { ...base, verdict: 'ok', steps: partSteps, ...(options.keepLinearization ? { linearization: part.map((op) => op.id) } : {}) }
      } else {
        violationSeen = true
        const placed = part.slice(0, failedAt).map((op) => op.id)
        results[index] = { ...base, verdict: 'violation', steps: partSteps, violation: violationOf(part, failedAt, [failedAt], placed, [], state) }
      }
      continue
    }
    pending.push({ index, key, operations: part, search: undefined })
  }

  let budget = initialBudget
  let stopReason: 'max-steps' | 'timeout' | 'stopped' | undefined
  let active = pending
  while (active.length > 0 && stopReason === undefined) {
    const still: Pending<State, Input, Output>[] = []
    for (const p of active) {
      if (stopReason !== undefined) {
        still.push(p)
        continue
      }
      const left = maxSteps - steps
      if (left <= 0 || performance.now() > deadline) {
        stopReason = left <= 0 ? 'max-steps' : 'timeout'
        still.push(p)
        continue
      }
      const search = (p.search ??= new PartitionSearch(p.operations, model, identity))
      const before = search.steps
      const status = search.run(Math.min(budget, left), deadline)
      steps += search.steps - before
      const base = { index: p.index, operations: p.operations.length, steps: search.steps, ...(p.key === undefined ? {} : { key: p.key }) }
      if (status === 'ok') {
        const linearization = options.keepLinearization ? { linearization: ids(search, search.linearization()).placed } : {}
        results[p.index] = { ...base, verdict: 'ok', ...linearization }
      } else if (status === 'violation') {
        violationSeen = true
        const f = search.frontier()
        const { placed, omitted } = ids(search, f.prefix)
        results[p.index] = { ...base, verdict: 'violation', violation: violationOf(p.operations, f.blocked, f.candidates, placed, omitted, f.state) }
      } else {
        if (status === 'timeout') stopReason = 'timeout'
        still.push(p)
        continue
      }
      p.search = undefined
    }
    if (stopReason === undefined && violationSeen && onViolation === 'stop' && still.length > 0) stopReason = 'stopped'
    active = still
    budget = Math.min(budget * 2, Number.MAX_SAFE_INTEGER)
  }
  for (const p of active) {
    results[p.index] = {
      index: p.index,
      operations: p.operations.length,
      steps: p.search?.steps ?? 0,
      ...(p.key === undefined ? {} : { key: p.key }),
      verdict: 'undecided',
      undecided: { reason: stopReason ?? 'max-steps' },
    }
  }

  let verdict: Verdict = 'ok'
  for (const r of results) {
    if (r.verdict === 'violation') verdict = 'violation'
    else if (r.verdict === 'undecided' && verdict === 'ok') verdict = 'undecided'
  }
  return { verdict, partitions: results, invalid, steps, bound: { maxSteps, ...(timeoutMs === undefined ? {} : { timeoutMs }) } }
}
