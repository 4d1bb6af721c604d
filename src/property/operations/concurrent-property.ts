import fc from 'fast-check'
import { checkHistory } from '../../linearizability/check-history.ts'
import type { HistoryOperation, LinearizabilityViolation } from '../../linearizability/types.ts'
import { thrownText } from '../../thrown-value.ts'
import { EmittedEvents } from '../emitted-events.ts'
import { OperationTimeline } from '../operation-timeline.ts'
import { PropertyFailure } from '../property-failure.ts'
import type { PropertyBuildContext } from '../types.ts'
import { formatClientTimeline, historyTrace, rankTimes, type FailingHistory, type HistoryEntry, type TimedOperation } from './failing-history.ts'
import { invoke, type OperationCall } from './operation-call.ts'
import { operationCallArbitrary } from './operation-commands.ts'
import { operationHistoryModel, type OperationInput } from './operation-model.ts'
import type { SpecOperations } from './types.ts'

/** Bound of the linearizability search of one run's history (model steps over all keys). */
const MAX_STEPS = 1_000_000
const SHOWN = 6

function violationText(v: LinearizabilityViolation, key: string | undefined, operations: number): string {
  const prefix = v.longestPrefix.length
  const tried = v.candidates.map((c) => `${c.description}: ${c.outcome === 'rejected' ? 'not allowed then' : 'allowed, but the operations left cannot all follow it'}`)
  return (
    `linearizable: no order of the ${operations} operations${key === undefined ? '' : ` on key ${JSON.stringify(key)}`} consistent with real time is a legal history of the model: ` +
    `${v.operation.description} cannot be placed. ` +
    (prefix === 0 ? 'No operation fits first. ' : `The longest order that fits has ${prefix} operations; the model then holds ${v.state}. `) +
    `Tried next, each concurrent with the rest: ${tried.slice(0, SHOWN).join('; ')}`
  )
}

/**
 * Releases the scheduler's tasks one at a time until `done`. Like `waitFor`, but a task is released as
 * soon as the clients are waiting on the scheduler rather than after 50 idle ticks (the cost of a run
 * was mostly those ticks); when nothing is scheduled and the clients are not done, real I/O is pending,
 * so it gives the event loop a turn.
 */
async function releaseUntil(s: fc.Scheduler, done: () => boolean): Promise<void> {
  let idle = 0
  while (!done()) {
    if (s.count() > 0) {
      idle = 0
      await s.waitOne()
    } else if (++idle < 8) await Promise.resolve()
    else {
      idle = 0
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }
}

/**
 * `clients` clients issue generated operations at once against one implementation. `fc.scheduler`
 * decides when each client issues its next operation and in which order the implementation's awaited
 * I/O (`io()`) resumes; the implementation's own awaits run as they really do. Each operation's
 * invocation and completion are read from one monotonic clock ({@link OperationTimeline}), the events
 * it emits are checked by the spec's rules with those intervals, and the history is decided by the
 * linearizability engine against the declared model. A failure shrinks (fewer operations, a simpler
 * schedule) and is reported with the per-client timeline.
 */
export function concurrentProperty(context: PropertyBuildContext<unknown>, ops: SpecOperations<unknown, unknown>) {
  const model = operationHistoryModel(context.spec.name, ops)
  const program = fc.array(operationCallArbitrary(context.spec.name, ops), { maxLength: context.operationsPerClient })
  const programs = fc.array(program, { minLength: context.clients, maxLength: context.clients })
  return fc.asyncProperty(fc.scheduler(), programs, async (s, clients) => {
    const events = new EmittedEvents(context.spec, context.specOptions)
    const timeline = new OperationTimeline(process.hrtime.bigint, ops.emitsEvents === true)
    const emit = (event: object): void => {
      const { interval, operation } = timeline.eventInterval()
      events.push(event, interval, operation?.label)
      timeline.emitted(operation)
    }
    const impl = await context.implementation({ emit, io: () => s.schedule(Promise.resolve()) })
    const recorded: Array<TimedOperation & { call: OperationCall }> = []
    let threw: unknown
    const client = async (calls: readonly OperationCall[], c: number): Promise<void> => {
      for (const call of calls) {
        // The scheduler chooses when this client issues its next operation.
        const label = `client ${c}: ${call}`
        await s.schedule(Promise.resolve(), label)
        const running = timeline.run(label, () => invoke(ops, impl, call))
        const op = timeline.operations[timeline.operations.length - 1]!
        try {
          const result = await running
          recorded.push({ client: c, call, operation: call.operation, args: call.args, result, invokedAt: op.invokedAt, completedAt: op.completedAt! })
        } catch (error) {
          threw ??= error
          recorded.push({ client: c, call, operation: call.operation, args: call.args, threw: thrownText(error), invokedAt: op.invokedAt, completedAt: op.completedAt! })
          return
        }
      }
    }
    try {
      let done = false
      const all = Promise.all(clients.map((calls, i) => client(calls, i + 1))).finally(() => (done = true))
      await releaseUntil(s, () => done)
      await all
    } finally {
      timeline.close()
    }

    // Built only for a failure: a passing run pays for its operations and the check, nothing more.
    const entries = (): HistoryEntry[] => rankTimes(recorded)
    const fail = (message: string, rule: string, lines: readonly string[], only?: (index: number) => boolean): never => {
      const all = entries()
      const shown = only ? all.filter((_, i) => only(i)) : all
      const history: FailingHistory = { clients: context.clients, operations: shown, trace: historyTrace(ops, shown, ops.emitsEvents && rule !== 'linearizable' ? events.lines : undefined) }
      throw new PropertyFailure(`${message}\nHistory (per client, real-time order):\n${formatClientTimeline(history).join('\n')}`, rule, lines, history)
    }
    if (threw !== undefined) fail(`the implementation threw: ${thrownText(threw)}`, 'implementation error', [])
    if (ops.emitsEvents && events.count > 0) {
      try {
        await events.checkConcurrent()
      } catch (error) {
        if (error instanceof PropertyFailure) {
          const key = error.key
          const onKey = key === undefined || !ops.key ? undefined : (i: number) => ops.key!(recorded[i]!.operation, recorded[i]!.args) === key
          const left = onKey ? recorded.filter((_, i) => !onKey(i)).length : 0
          fail(error.message + (left > 0 ? ` (${left} operations on other keys are left out below)` : ''), error.rule, error.events, onKey)
        }
        throw error
      }
    }
    const operations: HistoryOperation<OperationInput, unknown>[] = recorded.map((r, i) => {
      const key = ops.key?.(r.operation, r.args)
      return { id: i + 1, call: r.invokedAt, return: r.completedAt!, input: { operation: r.operation, args: r.args }, output: r.result, line: i + 1, ...(key === undefined ? {} : { key }) }
    })
    const checked = checkHistory(operations, model, { maxSteps: MAX_STEPS })
    for (const partition of checked.partitions) {
      if (partition.verdict === 'violation') {
        // Keys are independent in the model: the key that cannot be ordered is the failing history.
        const left = operations.length - partition.operations
        const onKey = (i: number): boolean => operations[i]!.key === partition.key
        fail(violationText(partition.violation!, partition.key, partition.operations) + (left > 0 ? ` (${left} operations on other keys are left out below)` : ''), 'linearizable', [], onKey)
      }
      if (partition.verdict === 'undecided' && partition.undecided?.reason !== 'stopped')
        fail(`linearizable: undecided: the search of ${partition.operations} operations reached its bound (${MAX_STEPS} model steps) before deciding; give fewer operationsPerClient`, 'linearizable', [])
    }
  })
}
