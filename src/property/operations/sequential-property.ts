import fc from 'fast-check'
import { EmittedEvents } from '../emitted-events.ts'
import { PropertyFailure } from '../property-failure.ts'
import type { PropertyBuildContext } from '../types.ts'
import { historyTrace, rankTimes, type FailingHistory } from './failing-history.ts'
import { describeStep, invoke, judge, OperationCall, show } from './operation-call.ts'
import { operationCallArbitrary } from './operation-commands.ts'
import type { ObservedStep, OperationDeclaration, SpecOperations } from './types.ts'

/**
 * What one sequential property checks at each step (`declaration`: the step's operation); it throws a
 * {@link PropertyFailure} when that breaks.
 */
export type SequentialCheck = (step: ObservedStep, run: SequentialRun, declaration: OperationDeclaration<unknown, unknown>) => void

interface ModelBox {
  state: unknown
}

/** The real side of `fc.asyncModelRun`: the implementation, what it emitted, and the steps so far. */
export class SequentialRun {
  readonly steps: ObservedStep[] = []
  constructor(
    readonly ops: SpecOperations<unknown, unknown>,
    readonly impl: unknown,
    readonly events: EmittedEvents,
    private readonly check: SequentialCheck,
  ) {}

  keyOf(step: ObservedStep): string | undefined {
    return this.ops.key?.(step.operation, step.args)
  }

  observe(step: ObservedStep, declaration: OperationDeclaration<unknown, unknown>): void {
    this.steps.push(step)
    try {
      this.check(step, this, declaration)
    } catch (error) {
      if (error instanceof PropertyFailure) throw this.#withSteps(error)
      throw error
    }
  }

  /** The steps and results, so the counterexample reads as a story, and as a one-client history. */
  #withSteps(failure: PropertyFailure): PropertyFailure {
    const story = this.steps.map((s, i) => `  ${i + 1}. ${describeStep(s)}`).join('\n')
    const entries = rankTimes(this.steps.map((s, i) => ({ client: 1, ...s, invokedAt: BigInt(2 * i), completedAt: BigInt(2 * i + 1) })))
    const history: FailingHistory = { clients: 1, operations: entries, trace: historyTrace(this.ops, entries, this.events.count > 0 ? this.events.lines : undefined) }
    return new PropertyFailure(`${failure.message}\nSteps and results:\n${story}`, failure.rule, failure.events, history)
  }
}

class OperationCommand extends OperationCall implements fc.AsyncCommand<ModelBox, SequentialRun> {
  declare readonly declaration: OperationDeclaration<unknown, unknown>

  constructor(operation: string, args: readonly unknown[], declaration: OperationDeclaration<unknown, unknown>) {
    super(operation, args, declaration)
  }

  check(): boolean {
    return true
  }
  async run(_model: ModelBox, real: SequentialRun): Promise<void> {
    const result = await invoke(real.ops, real.impl, this)
    real.observe({ operation: this.operation, args: this.args, result }, this.declaration)
  }
}

/** Every event emitted so far conforms to the spec (the conformance engine, fed event by event). */
export const eventsConform: SequentialCheck = (_step, run) => run.events.checkNew()

/** Each result is one the model allows in its state; the model then moves on with it. */
export function matchesModel(): SequentialCheck {
  let state: unknown
  let started = false
  return (step, run, declaration) => {
    if (!started) {
      state = run.ops.init()
      started = true
    }
    const verdict = judge(run.ops, state, step, declaration)
    if (!verdict.ok)
      throw new PropertyFailure(
        `${step.operation} result: ${describeStep(step).replace(' → ', ' returned ')}, but the model expects ${verdict.expected ?? `another result (the model holds ${run.ops.describeState ? run.ops.describeState(state) : show(state)})`}`,
        'observable state',
        run.events.involving(run.keyOf(step)),
      )
    state = verdict.state
  }
}

/** The declared invariant `name` holds after every step. */
export function invariantHolds(name: string, create: () => (steps: readonly ObservedStep[]) => string | undefined): () => SequentialCheck {
  return () => {
    const invariant = create()
    return (step, run) => {
      const problem = invariant(run.steps)
      if (problem !== undefined) throw new PropertyFailure(problem, name, run.events.involving(run.keyOf(step)))
    }
  }
}

/**
 * Command sequences of the declared operations (`fc.commands`, `fc.asyncModelRun`), each run against a
 * fresh implementation; `check` sees each result as it arrives.
 */
export function sequentialProperty(context: PropertyBuildContext<unknown>, ops: SpecOperations<unknown, unknown>, check: () => SequentialCheck): fc.IAsyncProperty<[Iterable<fc.AsyncCommand<ModelBox, SequentialRun>>]> {
  const command = operationCallArbitrary(context.spec.name, ops, (operation, args, declaration) => new OperationCommand(operation, args, declaration))
  return fc.asyncProperty(fc.commands([command], { maxCommands: context.maxCommands }), async (commands) => {
    const events = new EmittedEvents(context.spec, context.specOptions)
    const impl = await context.implementation({ emit: (e) => events.push(e), io: () => Promise.resolve() })
    await fc.asyncModelRun(() => ({ model: { state: undefined }, real: new SequentialRun(ops, impl, events, check()) }), commands)
  })
}
