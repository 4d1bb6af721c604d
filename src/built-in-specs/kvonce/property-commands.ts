import fc from 'fast-check'
import type { EmittedEvents } from '../../property/emitted-events.ts'
import { PropertyFailure } from '../../property/property-failure.ts'
import { describeStep, show, type KvOnceImplementation, type KvOnceModel, type KvOnceStep } from './property-implementation.ts'

/**
 * One property's view of a run: it sees each step with the model as it was before the step, and
 * throws a {@link PropertyFailure} when what it checks breaks.
 */
export type StepCheck = (step: KvOnceStep, model: Readonly<KvOnceModel>, run: KvOnceRun) => void

/** The real side of `fc.asyncModelRun`: the implementation, what it emitted, and the steps so far. */
export class KvOnceRun {
  readonly steps: KvOnceStep[] = []
  constructor(
    readonly impl: KvOnceImplementation,
    readonly events: EmittedEvents,
    private readonly check: StepCheck,
  ) {}

  observe(step: KvOnceStep, model: Readonly<KvOnceModel>): void {
    this.steps.push(step)
    try {
      this.check(step, model, this)
    } catch (error) {
      if (error instanceof PropertyFailure) throw withSteps(error, this.steps)
      throw error
    }
  }
}

/** Adds the steps and what the implementation returned to the failure, so the counterexample reads as a story. */
function withSteps(failure: PropertyFailure, steps: readonly KvOnceStep[]): PropertyFailure {
  const story = steps.map((s, i) => `  ${i + 1}. ${describeStep(s)}`).join('\n')
  const enriched = new PropertyFailure(`${failure.message}\nSteps and results:\n${story}`, failure.rule, failure.events)
  return enriched
}

class PutCommand implements fc.AsyncCommand<KvOnceModel, KvOnceRun> {
  constructor(
    readonly key: string,
    readonly value: string,
  ) {}
  check(): boolean {
    return true
  }
  async run(model: KvOnceModel, real: KvOnceRun): Promise<void> {
    const result = await real.impl.put(this.key, this.value)
    real.observe({ op: 'put', key: this.key, value: this.value, result }, model)
    // The model keeps the first value: a later "written" for the same key is the implementation's bug.
    if (result === 'written' && !model.values.has(this.key)) model.values.set(this.key, this.value)
  }
  toString(): string {
    return `put(${show(this.key)}, ${show(this.value)})`
  }
}

class GetCommand implements fc.AsyncCommand<KvOnceModel, KvOnceRun> {
  constructor(readonly key: string) {}
  check(): boolean {
    return true
  }
  async run(model: KvOnceModel, real: KvOnceRun): Promise<void> {
    const result = await real.impl.get(this.key)
    real.observe({ op: 'get', key: this.key, result }, model)
  }
  toString(): string {
    return `get(${show(this.key)})`
  }
}

/**
 * Few keys and values, so sequences often write a key again, with the same or another value, and
 * shrink towards `"a"` and `"v0"`. Faults of the sample store depend on the key, so keys differ in how
 * they retry.
 */
export const keyArbitrary: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd')
export const valueArbitrary: fc.Arbitrary<string> = fc.nat(3).map((n) => `v${n}`)

/** The KvOnce actions of the spec, `put` and `get`, as fast-check commands. */
export function kvOnceCommands(maxCommands: number): fc.Arbitrary<Iterable<fc.AsyncCommand<KvOnceModel, KvOnceRun>>> {
  return fc.commands(
    [
      fc.tuple(keyArbitrary, valueArbitrary).map(([key, value]) => new PutCommand(key, value)),
      keyArbitrary.map((key) => new GetCommand(key)),
    ],
    { maxCommands },
  )
}
