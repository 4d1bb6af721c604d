import { PropertyFailure } from '../../property/property-failure.ts'
import type { StepCheck } from './property-commands.ts'
import { show } from './property-implementation.ts'

/** Every event emitted so far conforms to the spec (the conformance engine, fed event by event). */
export const eventsConform: StepCheck = (_step, _model, run) => run.events.checkNew()

/** Each result equals what the model allows: `put` on a free key writes or fails, on a written key is a duplicate. */
export const matchesModel: StepCheck = (step, model, run) => {
  const held = model.values.get(step.key)
  if (step.op === 'put') {
    const allowed = held === undefined ? ['written', 'failed'] : ['duplicate']
    if (!allowed.includes(step.result as string))
      throw new PropertyFailure(
        `put result: put(${show(step.key)}, ${show(step.value)}) returned ${show(step.result)}, but the model expects ${allowed.map(show).join(' or ')}` +
          (held === undefined ? `: key ${show(step.key)} holds no value` : `: key ${show(step.key)} already holds ${show(held)}`),
        'observable state',
        run.events.involving(step.key),
      )
  } else if (step.result !== held) {
    throw new PropertyFailure(
      `get result: get(${show(step.key)}) returned ${show(step.result)}, but the model holds ${show(held)}`,
      'observable state',
      run.events.involving(step.key),
    )
  }
}

/** `written` at most once per key over the whole run. */
export function writtenAtMostOnce(): StepCheck {
  const firstWrite = new Map<string, number>()
  return (step, _model, run) => {
    if (step.op !== 'put' || step.result !== 'written') return
    const first = firstWrite.get(step.key)
    if (first !== undefined)
      throw new PropertyFailure(
        `key ${show(step.key)} was written twice: put returned "written" at step ${first} and again at step ${run.steps.length}`,
        'a key is written at most once',
        run.events.involving(step.key),
      )
    firstWrite.set(step.key, run.steps.length)
  }
}

/** Once `put` returned `written`, every `get` of the key returns that value. */
export function writtenValueNeverChanges(): StepCheck {
  const written = new Map<string, { value: string; step: number }>()
  return (step, _model, run) => {
    if (step.op === 'put') {
      if (step.result === 'written' && !written.has(step.key)) written.set(step.key, { value: step.value, step: run.steps.length })
      return
    }
    const first = written.get(step.key)
    if (first !== undefined && step.result !== first.value)
      throw new PropertyFailure(
        `get(${show(step.key)}) returned ${show(step.result)}, but the key was written with ${show(first.value)} at step ${first.step}`,
        'a written value never changes',
        run.events.involving(step.key),
      )
  }
}
