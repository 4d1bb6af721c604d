import type { StateIdentity } from './state-identity.ts'
import { VisitedCache } from './visited-cache.ts'
import type { HistoryModel, HistoryOperation, HistoryTime } from './types.ts'

const NIL = -1

/** Where a search ended, or `running` when its budget ran out first. */
export type SearchStatus = 'running' | 'ok' | 'violation' | 'timeout'

/** The furthest point a failed search reached (internal indices, see {@link PartitionSearch}). */
export interface SearchFrontier<State> {
  /** Index of the operation whose return ended the furthest attempt. */
  blocked: number
  /** Indices of the operations called, and not yet ordered, before that return. */
  candidates: number[]
  /** The order that fit: operation indices; a left-out unknown operation as `~index`. */
  prefix: number[]
  state: State
}

/** Windows wider than this many words start at the first undecided operation of known outcome. */
const WINDOW_WORDS = 8

function compareTimes(a: HistoryTime, b: HistoryTime): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1)
  return h ^ (h >>> 15)
}

/**
 * The Wing–Gong / Lowe search for one partition, with Porcupine's memoisation of (operations decided,
 * model state): a doubly linked list of call and return entries in time order, from which the search
 * lifts the entry it orders next and puts it back when it backtracks.
 *
 * Representation: the operations are indexed in call order, `i`; the call entry of `i` is `2i`, its
 * return entry `2i + 1`, the list head `2n`. A return at +infinity (unknown outcome, no return) sorts
 * after every finite time.
 *
 * The set of decided operations is a bitset; the cache keys it by a window of its words, from the
 * word of the lowest undecided operation to the word of the highest decided one: every operation below
 * the window is decided. When unknown operations left pending far back would make that window wider
 * than {@link WINDOW_WORDS}, it starts instead at the first undecided operation of known outcome, and the
 * unknown ones below it are listed (`holes`). Either way a key's size is bounded by the concurrency,
 * not by the length of the history.
 *
 * An operation of unknown outcome may also be left out: when the search reaches its return (every
 * operation before it having been tried), it is decided as "never", and a return at +infinity means
 * that all operations of known outcome are ordered, so the rest can be left out: the history is
 * linearizable.
 *
 * An operation the search must order next, because it is the first entry and its own return follows
 * it (no other operation could come first), is ordered without a cache entry: a sequential stretch
 * costs no memory, and converging paths are still caught at the next real choice.
 *
 * The search is resumable: {@link run} spends a step budget and returns `running` when it ran out.
 */
export class PartitionSearch<State, Input, Output> {
  readonly operations: readonly HistoryOperation<Input, Output>[]
  private readonly model: HistoryModel<State, Input, Output>
  private readonly identity: StateIdentity<State>
  private readonly n: number
  private readonly head: number
  private readonly next: Int32Array
  private readonly prev: Int32Array
  private readonly inputs: Input[]
  private readonly outputs: (Output | undefined)[]
  private readonly unknown: Uint8Array
  private readonly infinite: Uint8Array
  private readonly bits: Uint32Array
  private readonly frameEntry: Int32Array
  private readonly frameSkip: Uint8Array
  private readonly frameMax: Int32Array
  private readonly frameState: State[]
  private cache: VisitedCache | null
  private scratch: Int32Array = new Int32Array(16)
  private depth = 0
  private entry: number
  private state: State
  private status: SearchStatus = 'running'
  /** Calls of `step` (and decisions to leave an operation out) so far. */
  steps = 0
  private bestDepth = -1
  private bestAgree = 0
  private bestFrames: number[] = []
  private bestBlocked = -1
  private bestCandidates: number[] = []
  private bestState: State

  private readonly windowWords: number

  /**
   * `operations` must be sorted by call time (stable); returns must not precede calls. `windowWords`
   * is {@link WINDOW_WORDS} but for tests, which compare both kinds of window.
   */
  constructor(operations: readonly HistoryOperation<Input, Output>[], model: HistoryModel<State, Input, Output>, identity: StateIdentity<State>, windowWords = WINDOW_WORDS) {
    this.windowWords = windowWords
    this.operations = operations
    this.model = model
    this.identity = identity
    this.cache = new VisitedCache(identity.same)
    const n = operations.length
    this.n = n
    this.head = 2 * n
    this.next = new Int32Array(2 * n + 1)
    this.prev = new Int32Array(2 * n + 1)
    this.inputs = new Array<Input>(n)
    this.outputs = new Array<Output | undefined>(n)
    this.unknown = new Uint8Array(n)
    this.infinite = new Uint8Array(n)
    this.bits = new Uint32Array((n + 31) >>> 5)
    this.frameEntry = new Int32Array(n)
    this.frameSkip = new Uint8Array(n)
    this.frameMax = new Int32Array(n)
    this.frameState = new Array<State>(n)
    const returns: number[] = []
    for (let i = 0; i < n; i++) {
      const op = operations[i]!
      this.inputs[i] = op.input
      const infinite = op.return === undefined || op.return === Number.POSITIVE_INFINITY
      const unknown = op.unknown === true || infinite
      this.unknown[i] = unknown ? 1 : 0
      this.infinite[i] = infinite ? 1 : 0
      this.outputs[i] = unknown ? undefined : op.output
      returns.push(i)
    }
    // Returns by time (ties by call order); then merged with the calls, a call first at equal times:
    // equal times are concurrent.
    returns.sort((a, b) => {
      const ia = this.infinite[a]!
      const ib = this.infinite[b]!
      if (ia !== ib) return ia - ib
      return (ia ? 0 : compareTimes(operations[a]!.return!, operations[b]!.return!)) || a - b
    })
    let last = this.head
    this.prev[this.head] = NIL
    const link = (e: number) => {
      this.next[last] = e
      this.prev[e] = last
      last = e
    }
    let c = 0
    let r = 0
    while (c < n || r < n) {
      const ri = returns[r]
      if (c < n && (ri === undefined || this.infinite[ri] || compareTimes(operations[c]!.call, operations[ri]!.return!) <= 0)) link(2 * c++)
      else link(2 * returns[r++]! + 1)
    }
    this.next[last] = NIL
    this.entry = this.next[this.head]!
    this.state = model.init()
    this.bestState = this.state
  }

  /** Searches for up to `budget` more steps (or until `deadline`, a `performance.now()` time). */
  run(budget: number, deadline = Number.POSITIVE_INFINITY): SearchStatus {
    if (this.status !== 'running') return this.status
    const { next, prev, bits, model, inputs, outputs, unknown, infinite, head } = this
    const frameEntry = this.frameEntry
    const frameSkip = this.frameSkip
    const frameMax = this.frameMax
    const frameState = this.frameState
    let entry = this.entry
    let state = this.state
    let depth = this.depth
    let steps = this.steps
    const stepsEnd = steps + budget
    let checkTimeAt = deadline === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : steps + 256
    let status: SearchStatus = 'running'
    if (entry === NIL) status = 'ok'
    while (status === 'running') {
      if ((entry & 1) === 0) {
        // A call entry: try ordering its operation next.
        if (steps >= stepsEnd) break
        if (steps >= checkTimeAt) {
          checkTimeAt = steps + 1024
          if (performance.now() > deadline) {
            status = 'timeout'
            break
          }
        }
        steps++
        const i = entry >>> 1
        const result = model.step(state, inputs[i]!, outputs[i])
        if (result.ok) {
          const maxBefore = depth === 0 ? -1 : frameMax[depth - 1]!
          const max = i > maxBefore ? i : maxBefore
          const forced = entry === next[head] && next[entry] === entry + 1
          bits[i >>> 5]! |= 1 << (i & 31)
          if (forced || this.remember(i, max, result.state)) {
            frameEntry[depth] = entry
            frameSkip[depth] = 0
            frameMax[depth] = max
            frameState[depth] = state
            depth++
            state = result.state
            // lift: take the call entry and its return out of the list
            const ret = entry + 1
            next[prev[entry]!] = next[entry]!
            prev[next[entry]!] = prev[entry]!
            next[prev[ret]!] = next[ret]!
            if (next[ret] !== NIL) prev[next[ret]!] = prev[ret]!
            entry = next[head]!
            if (entry === NIL) status = 'ok'
            continue
          }
          bits[i >>> 5]! &= ~(1 << (i & 31))
        }
        entry = next[entry]!
        continue
      }
      // A return entry: no operation before it could be ordered next.
      const i = entry >>> 1
      if (infinite[i]) {
        status = 'ok'
        break
      }
      if (unknown[i]) {
        // Its outcome is unknown: it may never have taken effect.
        if (steps >= stepsEnd) break
        steps++
        const maxBefore = depth === 0 ? -1 : frameMax[depth - 1]!
        const max = i > maxBefore ? i : maxBefore
        bits[i >>> 5]! |= 1 << (i & 31)
        if (this.remember(i, max, state)) {
          const call = entry - 1
          frameEntry[depth] = call
          frameSkip[depth] = 1
          frameMax[depth] = max
          frameState[depth] = state
          depth++
          next[prev[call]!] = next[call]!
          prev[next[call]!] = prev[call]!
          next[prev[entry]!] = next[entry]!
          if (next[entry] !== NIL) prev[next[entry]!] = prev[entry]!
          entry = next[head]!
          if (entry === NIL) status = 'ok'
          continue
        }
        bits[i >>> 5]! &= ~(1 << (i & 31))
      }
      this.recordBest(entry, depth, state)
      // Backtrack: undo the last decision and try the entry after it. After undoing "left out" there
      // is nothing else to try at that return, so go one further back.
      for (;;) {
        if (depth === 0) {
          status = 'violation'
          break
        }
        depth--
        if (depth < this.bestAgree) this.bestAgree = depth
        const call = frameEntry[depth]!
        const j = call >>> 1
        bits[j >>> 5]! &= ~(1 << (j & 31))
        state = frameState[depth]!
        frameState[depth] = undefined as State
        // unlift: put the return back, then the call
        const ret = call + 1
        next[prev[ret]!] = ret
        if (next[ret] !== NIL) prev[next[ret]!] = ret
        next[prev[call]!] = call
        prev[next[call]!] = call
        if (frameSkip[depth] === 0) {
          entry = next[call]!
          break
        }
      }
    }
    this.entry = entry
    this.state = state
    this.depth = depth
    this.steps = steps
    this.status = status
    if (status !== 'running') this.cache = null
    return status
  }

  /** The order found, as operation indices (left-out unknown operations as `~index`). Valid after `ok`. */
  linearization(): number[] {
    const order: number[] = []
    for (let d = 0; d < this.depth; d++) {
      const i = this.frameEntry[d]! >>> 1
      order.push(this.frameSkip[d] ? ~i : i)
    }
    return order
  }

  /** Where the search got furthest. Valid after `violation`. */
  frontier(): SearchFrontier<State> {
    return { blocked: this.bestBlocked, candidates: this.bestCandidates, prefix: this.bestFrames.slice(0, this.bestDepth), state: this.bestState }
  }

  private recordBest(returnEntry: number, depth: number, state: State): void {
    if (depth <= this.bestDepth) return
    // Only the frames changed since the last record are copied: amortised O(1) per backtrack.
    const frames = this.bestFrames
    for (let d = this.bestAgree; d < depth; d++) {
      const i = this.frameEntry[d]! >>> 1
      frames[d] = this.frameSkip[d] ? ~i : i
    }
    this.bestDepth = depth
    this.bestAgree = depth
    this.bestBlocked = returnEntry >>> 1
    this.bestState = state
    const candidates: number[] = []
    for (let e = this.next[this.head]!; e !== returnEntry && e !== NIL; e = this.next[e]!) {
      if ((e & 1) === 0) candidates.push(e >>> 1)
    }
    this.bestCandidates = candidates
  }

  /**
   * Looks up (decided operations, `state`) in the cache, with operation `i` just decided (its bit set,
   * its entries still in the list) and `max` the highest decided index. Returns true, and stores the
   * pair, when it was not there.
   */
  private remember(i: number, max: number, state: State): boolean {
    const { next, head, identity } = this
    // The lowest undecided operation: the first call entry in the list, `i` aside.
    let first = next[head]!
    while (first !== NIL && ((first & 1) === 1 || first >>> 1 === i)) first = next[first]!
    let ws = (first === NIL ? this.n : first >>> 1) >>> 5
    const we = max >>> 5
    let holes = -1
    if (we - ws > this.windowWords) {
      // Unknown operations left pending far back: the window starts at the first undecided operation
      // of known outcome, and the unknown ones before it are listed.
      holes = 0
      let m = this.n
      for (let e = first; e !== NIL; e = next[e]!) {
        if (e & 1) continue
        const j = e >>> 1
        if (j === i) continue
        if (!this.unknown[j]) {
          m = j
          break
        }
        if (holes === this.scratch.length) {
          const grown = new Int32Array(holes * 2)
          grown.set(this.scratch)
          this.scratch = grown
        }
        this.scratch[holes++] = j
      }
      ws = m >>> 5
      const wordStart = ws << 5
      while (holes > 0 && this.scratch[holes - 1]! >= wordStart) holes--
    }
    const width = we >= ws ? we - ws + 1 : 0
    const key = identity.key(state)
    const bits = this.bits
    let h = mix(identity.hash(key), ws)
    for (let k = 0; k < holes; k++) h = mix(h, this.scratch[k]!)
    for (let w = ws; w <= we; w++) h = mix(h, bits[w]!)
    if (holes >= 0) h = mix(h, holes + 1)
    return this.cache!.add(h | 0, ws, bits, width, this.scratch, holes, key)
  }
}
