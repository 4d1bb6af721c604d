import type { SpecOperations } from './types.ts'
import { show } from './operation-call.ts'

/** One operation of a failing run. Times are ranks (1, 2, …) of the clock readings: a seed always gives the same ones. */
export interface HistoryEntry {
  /** 1-based. */
  readonly client: number
  readonly operation: string
  readonly args: readonly unknown[]
  /** What it returned; absent when it threw or never completed. */
  readonly result?: unknown
  /** The error it threw, in words. */
  readonly threw?: string
  readonly invoke: number
  /** `null`: it never completed. */
  readonly complete: number | null
}

/** A failing run's operations, as the failure prints them and a trace file holds them. */
export interface FailingHistory {
  readonly clients: number
  readonly operations: readonly HistoryEntry[]
  /**
   * The run as NDJSON trace lines: `operations`, the spec's operation schema with `start`, `end` and
   * `actor` (the conformance project replays it with the spec); `events`, the events the
   * implementation emitted (a trace of the spec); `history`, the operations in a generic shape
   * (`type`, `args`, `result`, `start`, `end`, `actor`) for specs with neither.
   */
  readonly trace: { readonly format: 'operations' | 'events' | 'history'; readonly lines: readonly string[] }
}

/** A recorded operation with its real times (any increasing clock). */
export interface TimedOperation {
  readonly client: number
  readonly operation: string
  readonly args: readonly unknown[]
  readonly result?: unknown
  readonly threw?: string
  readonly invokedAt: bigint
  readonly completedAt?: bigint
}

/** Replaces clock readings by their ranks, so the history reads the same in every run of a seed. */
export function rankTimes(operations: readonly TimedOperation[]): HistoryEntry[] {
  const readings = operations.flatMap((o) => (o.completedAt === undefined ? [o.invokedAt] : [o.invokedAt, o.completedAt])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const rank = new Map(readings.map((t, i) => [t, i + 1]))
  return operations.map((o) => ({
    client: o.client,
    operation: o.operation,
    args: o.args,
    ...(o.threw === undefined ? { result: o.result } : { threw: o.threw }),
    invoke: rank.get(o.invokedAt)!,
    complete: o.completedAt === undefined ? null : rank.get(o.completedAt)!,
  }))
}

const call = (e: HistoryEntry): string => `${e.operation}(${e.args.map(show).join(', ')})`
const outcome = (e: HistoryEntry): string => (e.threw !== undefined ? `threw ${e.threw}` : e.complete === null ? '(never completed)' : `→ ${show(e.result)}`)

/** The trace lines of a run (see {@link FailingHistory.trace}). */
export function historyTrace(ops: SpecOperations<unknown, unknown>, entries: readonly HistoryEntry[], emitted: readonly string[] | undefined): FailingHistory['trace'] {
  if (ops.traceEvent) {
    const lines = entries
      .filter((e) => e.threw === undefined && e.complete !== null)
      .map((e) => JSON.stringify({ ...ops.traceEvent!(e.operation, e.args, e.result), start: e.invoke, end: e.complete, actor: e.client }))
    return { format: 'operations', lines }
  }
  if (emitted !== undefined && emitted.length > 0) return { format: 'events', lines: [...emitted] }
  const lines = entries.map((e) =>
    JSON.stringify({ type: e.operation, args: e.args, ...(e.threw === undefined ? { result: e.result ?? null } : { threw: e.threw }), start: e.invoke, end: e.complete, actor: e.client }),
  )
  return { format: 'history', lines }
}

const MAX_ROWS = 60
const COLUMN = 28

/**
 * The history as a timeline, one column per client, one row per invocation (`┌`) or completion (`└`)
 * in real-time order: operations whose spans overlap ran concurrently.
 */
export function formatClientTimeline(history: FailingHistory): string[] {
  const rows: Array<{ at: number; client: number; text: string }> = []
  for (const e of history.operations) {
    rows.push({ at: e.invoke, client: e.client, text: `┌ ${call(e)}` })
    if (e.complete !== null) rows.push({ at: e.complete, client: e.client, text: `└ ${outcome(e)}` })
    else rows.push({ at: Number.MAX_SAFE_INTEGER, client: e.client, text: `└ ${outcome(e)}` })
  }
  rows.sort((a, b) => a.at - b.at)
  const clip = (t: string): string => (t.length > COLUMN - 1 ? `${t.slice(0, COLUMN - 2)}…` : t)
  const cell = (t: string): string => clip(t).padEnd(COLUMN)
  const open = new Set<number>()
  const header = Array.from({ length: history.clients }, (_, i) => cell(`client ${i + 1}`)).join('').trimEnd()
  const out = [`  ${header}`]
  for (const row of rows.slice(0, MAX_ROWS)) {
    const cells = Array.from({ length: history.clients }, (_, i) => {
      const c = i + 1
      if (c === row.client) return cell(row.text)
      return cell(open.has(c) ? '│' : '')
    })
    if (row.text.startsWith('┌')) open.add(row.client)
    else open.delete(row.client)
    out.push(`  ${cells.join('').trimEnd()}`)
  }
  if (rows.length > MAX_ROWS) out.push(`  … ${rows.length - MAX_ROWS} more rows`)
  return out
}
