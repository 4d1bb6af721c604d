import { SpecOptionsError } from '../../errors.ts'
import { checkHistory, DEFAULT_MAX_STEPS } from '../../linearizability/check-history.ts'
import type { JepsenInput, JepsenOutput } from '../../linearizability/jepsen/jepsen-history.ts'
import type { CandidateRef, HistoryCheckResult, HistoryOperation, HistoryTime, LinearizabilityViolation, OperationRef, PartitionResult } from '../../linearizability/types.ts'
import type { CheckerLimits, RuleDefinition, SpecChecker, SpecModel, Violation } from '../../spec-model/types.ts'
import type { TraceRecord } from '../../trace/types.ts'
import { modelOperation, parseOperationEvent, show } from './operation-event.ts'
import { raceDetail } from './race-detail.ts'
import { perKeyOfEntries } from '../../spec-model/projection-record.ts'
import type { OperationKind } from './operation-event.ts'
import type { SpecOperations } from '../../property/operations/types.ts'

export const EVENT_SCHEMA = 'event-schema'
export const LINEARIZABLE = 'linearizable'

/** Options of the `register` and `kv` specs. */
export interface OperationSpecOptions {
  /**
   * The search's bound: calls of the model's step, summed over all keys of one trace. Past it, each key not
   * decided yet fails `linearizable` as "undecided". @default 10_000_000 (some seconds at worst)
   */
  maxSteps: number
  /** Wall-clock bound of the search in milliseconds, past which undecided keys fail as "undecided"; 0: none. @default 0 */
  timeoutMs: number
  /**
   * `stop`: once keys fail, the keys still being searched are not searched further (the trace fails
   * already; a hard key cannot take the run's time). `continue`: every key is searched until decided or the bound.
   * @default 'stop'
   */
  onViolation: 'stop' | 'continue'
}

const DEFAULT_OPTIONS: Readonly<OperationSpecOptions> = Object.freeze({ maxSteps: DEFAULT_MAX_STEPS, timeoutMs: 0, onViolation: 'stop' })

type Op = HistoryOperation<JepsenInput, JepsenOutput>

const PREFIX_SHOWN = 6

function keyPhrase(key: string | undefined): string {
  return key === undefined ? '' : ` on key ${JSON.stringify(key)}`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** A spec of operations checked for linearizability against `kind.model`, holding its operations until the end. */
export function defineOperationSpec<Impl>(name: string, kind: OperationKind, linearizableDescription: string, operations?: SpecOperations<any, Impl>): SpecModel<OperationSpecOptions, Impl> {
  const rules: Record<string, RuleDefinition> = {
    [EVENT_SCHEMA]: { description: `Every line is an operation of the ${name} operation schema (docs/operation-specs.md).` },
    [LINEARIZABLE]: { description: linearizableDescription },
  }

  function resolveOptions(given: Partial<OperationSpecOptions> | undefined): OperationSpecOptions {
    for (const key of Object.keys(given ?? {}))
      if (!Object.hasOwn(DEFAULT_OPTIONS, key)) throw new SpecOptionsError(`spec "${name}" has no option "${key}"; known options: ${Object.keys(DEFAULT_OPTIONS).join(', ')}`)
    const o = { ...DEFAULT_OPTIONS, ...given } as OperationSpecOptions
    if (!Number.isSafeInteger(o.maxSteps) || o.maxSteps < 1) throw new SpecOptionsError(`spec "${name}": option "maxSteps" is ${show(o.maxSteps)}; expected a positive integer (model steps of the search, default ${DEFAULT_MAX_STEPS})`)
    if (typeof o.timeoutMs !== 'number' || !Number.isFinite(o.timeoutMs) || o.timeoutMs < 0) throw new SpecOptionsError(`spec "${name}": option "timeoutMs" is ${show(o.timeoutMs)}; expected milliseconds (a number ≥ 0; 0: no time bound)`)
    if (o.onViolation !== 'stop' && o.onViolation !== 'continue') throw new SpecOptionsError(`spec "${name}": option "onViolation" is ${show(o.onViolation)}; expected "stop" or "continue"`)
    return o
  }

  function createChecker(options: OperationSpecOptions, _limits: CheckerLimits = {}): SpecChecker {
    const ops: Op[] = []
    const actors = new Map<number, string | number>()
    let clock: 'time' | 'line-order' | undefined
    let events = 0
    let failedLeftOut = 0
    let result: HistoryCheckResult | undefined
    let stopped = 0
    /** Each failing key's race, as data (the message says it in words). Sized by failing keys. */
    const races: Array<Record<string, unknown>> = []

    function check(record: TraceRecord, report: (v: Violation) => void): void {
      if (record.kind === 'invalid') {
        report({ rule: EVENT_SCHEMA, line: record.line, ...(record.at?.column === undefined ? {} : { column: record.at.column }), message: record.message })
        return
      }
      const column = record.at?.column
      const at = { line: record.line, ...(column === undefined ? {} : { column }) }
      const rawKey = record.event.key
      const schemaViolation = (message: string): void => report({ rule: EVENT_SCHEMA, ...at, ...(typeof rawKey === 'string' ? { key: rawKey } : {}), message })
      const parsed = parseOperationEvent(record.event, kind)
      if (!parsed.ok) return schemaViolation(parsed.message)
      // An OTLP span's own times, when the event gives no start of its own (its `timestamp`, the span's
      // start, is only a point).
      const interval = record.event.start === undefined || record.event.start === null ? record.interval : undefined
      // A span that never ended is of unknown outcome.
      const event =
        interval === undefined
          ? parsed.event
          : { ...parsed.event, start: interval.start, end: interval.end, outcome: interval.end === undefined && parsed.event.outcome === 'ok' ? ('info' as const) : parsed.event.outcome }
      const timed = event.start !== undefined
      clock ??= timed ? 'time' : 'line-order'
      if (timed !== (clock === 'time'))
        return schemaViolation(
          clock === 'time'
            ? 'the operation has no "start" but the first operation had one; give every operation its times (or none: file order is then real time)'
            : 'the operation has a "start" but the first operation had none, so file order is real time for this trace; give every operation its times, or none',
        )
      events++
      if (event.outcome === 'fail' && !kind.keepsFailed(event.type)) {
        failedLeftOut++
        return
      }
      let call: HistoryTime
      let ret: HistoryTime | undefined
      if (clock === 'time') {
        call = event.start!
        ret = event.end ?? (event.outcome === 'info' ? undefined : event.start!)
      } else {
        call = event.invokeLine !== undefined && event.invokeLine <= record.line ? event.invokeLine : record.line
        ret = event.outcome === 'info' ? undefined : record.line
      }
      const op = modelOperation(ops.length, event, kind, record.line, call, ret, column)
      const problem = kind.model.validate?.(op.input, op.output, op.unknown === true)
      if (problem) return schemaViolation(problem)
      if (event.actor !== undefined) actors.set(op.id as number, event.actor)
      ops.push(op)
    }

    function where(ref: OperationRef): string {
      const actor = actors.get(ref.id as number)
      const extra = [ref.callLine === undefined ? undefined : `invoked at line ${ref.callLine}`, actor === undefined ? undefined : `actor ${show(actor)}`].filter(Boolean)
      return `line ${ref.line}${ref.column === undefined ? '' : `:${ref.column}`}${extra.length ? `, ${extra.join(', ')}` : ''}`
    }

    function violationMessage(partition: PartitionResult, violation: LinearizabilityViolation, byId: Map<number | string, Op>): string {
      const blocked = violation.operation
      const prefix = violation.longestPrefix
      const describe = (id: number | string): string => {
        const op = byId.get(id)
        if (!op) return String(id)
        return `${kind.model.describeOperation?.(op.input, op.output, op.unknown === true) ?? String(id)} (line ${op.line}${op.column === undefined ? '' : `:${op.column}`})`
      }
      const shown = prefix.slice(-PREFIX_SHOWN).map(describe)
      const order =
        prefix.length === 0
          ? `no operation fits first (the ${kind.model.name} starts as ${kind.model.describeState?.(kind.model.init()) ?? 'empty'})`
          : `the longest order that fits has ${plural(prefix.length, 'operation')}, ending ${prefix.length > PREFIX_SHOWN ? `… (${prefix.length - PREFIX_SHOWN} earlier), ` : ''}${shown.join(', ')}; the ${kind.model.name} then holds ${violation.state}`
      const omittedShown = violation.omitted.slice(0, PREFIX_SHOWN).map(describe)
      if (violation.omitted.length > PREFIX_SHOWN) omittedShown.push(`… ${violation.omitted.length - PREFIX_SHOWN} more`)
      const omitted = violation.omitted.length === 0 ? '' : ` (operations of unknown outcome it leaves out, as not taking effect: ${omittedShown.join(', ')})`
      const tried = violation.candidates.map((c: CandidateRef) => `${c.description} (${where(c)}): ${c.outcome === 'rejected' ? `not allowed then` : 'allowed, but the operations left cannot all follow it'}`)
      return (
        `no order of the ${plural(partition.operations, 'operation')}${keyPhrase(partition.key)} consistent with real time is a legal ${kind.model.name} history: ` +
        `${blocked.description} (${where(blocked)}) cannot be placed. ${order.charAt(0).toUpperCase()}${order.slice(1)}${omitted}. ` +
        `Tried next, each concurrent with the rest: ${tried.join('; ')}`
      )
    }

    function finish(report: (v: Violation) => void): void {
      if (ops.length === 0) return
      const checked = checkHistory(ops, kind.model, {
        maxSteps: options.maxSteps,
        ...(options.timeoutMs > 0 ? { timeoutMs: options.timeoutMs } : {}),
        onViolation: options.onViolation,
      })
      result = checked
      for (const invalid of checked.invalid)
        report({ rule: EVENT_SCHEMA, line: invalid.operation.line, ...(invalid.operation.column === undefined ? {} : { column: invalid.operation.column }), ...(invalid.operation.key === undefined ? {} : { key: invalid.operation.key }), message: invalid.message })
      const byId = new Map<number | string, Op>()
      const firstOfKey = new Map<string | undefined, Op>()
      for (const op of ops) {
        byId.set(op.id, op)
        const first = firstOfKey.get(op.key)
        if (first === undefined || op.line < first.line) firstOfKey.set(op.key, op)
      }
      for (const partition of checked.partitions) {
        const key = partition.key === undefined ? {} : { key: partition.key }
        if (partition.verdict === 'violation') {
          const v = partition.violation!
          report({
            rule: LINEARIZABLE,
            line: v.operation.line,
            ...(v.operation.column === undefined ? {} : { column: v.operation.column }),
            ...key,
            message: violationMessage(partition, v, byId),
            concurrency: raceDetail(v, ops, byId, actors, clock ?? 'line-order'),
          })
          const lineOf = (id: number | string): number | undefined => byId.get(id)?.line
          races.push({
            ...key,
            line: v.operation.line,
            ...(v.operation.callLine === undefined ? {} : { invokeLine: v.operation.callLine }),
            operation: v.operation.description,
            candidates: v.candidates.map((c) => ({ line: c.line, operation: c.description, outcome: c.outcome })),
            longestOrder: v.longestPrefix.length,
            longestOrderEnd: v.longestPrefix.slice(-PREFIX_SHOWN).map(lineOf),
            state: v.state,
          })
        } else if (partition.verdict === 'undecided') {
          if (partition.undecided?.reason === 'stopped') {
            stopped++
            continue
          }
          const first = firstOfKey.get(partition.key) ?? ops[0]!
          const bound = partition.undecided?.reason === 'timeout' ? `timeoutMs ${options.timeoutMs} (milliseconds)` : `maxSteps ${checked.bound.maxSteps} (model steps over all keys)`
          report({
            rule: LINEARIZABLE,
            line: first.line,
            ...(first.column === undefined ? {} : { column: first.column }),
            ...key,
            message: `undecided: the search of the ${plural(partition.operations, 'operation')}${keyPhrase(partition.key)} reached its bound, ${bound}, before finding an order consistent with real time or showing there is none; this is not a pass. Raise the spec option ${partition.undecided?.reason === 'timeout' ? 'timeoutMs' : 'maxSteps'} to decide it`,
          })
        }
      }
    }

    return {
      check,
      finish,
      get events() {
        return events
      },
      projection() {
        const perKey = (result?.partitions ?? []).map((p) => [p.key ?? '(no key)', { operations: p.operations, verdict: p.verdict, steps: p.steps }] as const)
        const fields = {
          model: kind.model.name,
          operations: ops.length,
          failedLeftOut,
          clock: clock ?? 'line-order',
          verdict: result?.verdict ?? 'ok',
          steps: result?.steps ?? 0,
          maxSteps: options.maxSteps,
          undecidedAfterViolation: stopped,
          keys: result?.partitions.length ?? 0,
          races,
        }
        return { fields, perKey: perKeyOfEntries(perKey) }
      },
    }
  }

  return { name, otlpDomain: name, rules, defaultOptions: DEFAULT_OPTIONS, resolveOptions, createChecker, ...(operations ? { operations } : {}) }
}
