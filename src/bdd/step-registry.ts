import type { OtlpCaptureEndpoint } from '../otlp/capture-endpoint.ts'
import {
  CucumberExpression,
  CucumberExpressionGenerator,
  ParameterType,
  ParameterTypeRegistry,
  RegularExpression,
  type Expression,
} from '@cucumber/cucumber-expressions'
import { StepDefinitionError } from '../errors.ts'

/** Where a step definition or hook was written (its file, 1-based line and column). */
export interface SourceLocation {
  file: string
  line: number
  column: number
}

export type StepKeyword = 'Given' | 'When' | 'Then'

// Step functions are user code taking the world and the step's arguments: their types are the user's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StepFunction<World = any> = (this: World, world: World, ...args: any[]) => unknown

export interface StepDefinition {
  keyword: StepKeyword
  pattern: string | RegExp
  fn: StepFunction
  location: SourceLocation | undefined
}

/** How a definition is shown in messages: `Given('I have {int} items') steps/items.ts:4`. */
export function describeDefinition(definition: StepDefinition, relative: (file: string) => string = (f) => f): string {
  const pattern = typeof definition.pattern === 'string' ? `'${definition.pattern}'` : String(definition.pattern)
  const where = definition.location ? ` ${relative(definition.location.file)}:${definition.location.line}` : ''
  return `${definition.keyword}(${pattern})${where}`
}

export interface StepMatch {
  definition: StepDefinition
  /** Unresolved argument values: call {@link StepMatch.values} with the world to apply transformers. */
  values(world: unknown): Promise<unknown[]>
}

export interface ScenarioInfo {
  name: string
  tags: string[]
  file: string
  line: number
  /** During a live capture (`conformance.live`), where to export the scenario's spans over OTLP/HTTP; otherwise absent. */
  otlp?: OtlpCaptureEndpoint
}

export interface AfterInfo extends ScenarioInfo {
  /** Whether the scenario's steps passed; an After hook runs either way. */
  result: 'passed' | 'failed'
  error: unknown
}

export type BeforeHook<World = unknown> = (world: World, scenario: ScenarioInfo) => unknown
export type AfterHook<World = unknown> = (world: World, scenario: AfterInfo) => unknown

export interface HookDefinition<Fn> {
  fn: Fn
  location: SourceLocation | undefined
}

export interface ParameterTypeOptions<T> {
  /** The name used in expressions: `{sku}`. */
  name: string
  regexp: RegExp | string | ReadonlyArray<RegExp | string>
  /** Turns the matched text (one argument per capture group) into the value steps receive. */
  transformer?: (...match: string[]) => T | PromiseLike<T>
  /** Offer this type in undefined-step snippets. @default true */
  useForSnippets?: boolean
  /** Prefer this type when a regular expression's group matches several types. @default false */
  preferForRegexpMatch?: boolean
}

const sameLocation = (a: SourceLocation | undefined, b: SourceLocation | undefined) =>
  a !== undefined && b !== undefined && a.file === b.file && a.line === b.line && a.column === b.column

/**
 * Step definitions, hooks and parameter types of one run. Expressions are compiled on first use, so a
 * step file may use a parameter type that another step file defines later.
 */
export class StepRegistry {
  readonly parameterTypes = new ParameterTypeRegistry()
  readonly definitions: StepDefinition[] = []
  readonly before: Array<HookDefinition<BeforeHook>> = []
  readonly after: Array<HookDefinition<AfterHook>> = []
  readonly #expressions = new Map<StepDefinition, Expression>()

  /**
   * A definition made again at the same place (its module evaluated twice in one worker) replaces the
   * first, rather than making every step it matches ambiguous.
   */
  define(definition: StepDefinition): void {
    const same = this.definitions.findIndex(
      (d) => sameLocation(d.location, definition.location) && String(d.pattern) === String(definition.pattern) && d.keyword === definition.keyword,
    )
    if (same >= 0) {
      this.#expressions.delete(this.definitions[same]!)
      this.definitions[same] = definition
    } else this.definitions.push(definition)
  }

  addHook(kind: 'before', hook: HookDefinition<BeforeHook>): void
  addHook(kind: 'after', hook: HookDefinition<AfterHook>): void
  addHook(kind: 'before' | 'after', hook: HookDefinition<BeforeHook> | HookDefinition<AfterHook>): void {
    const list = (kind === 'before' ? this.before : this.after) as Array<HookDefinition<BeforeHook | AfterHook>>
    const same = list.findIndex((h) => sameLocation(h.location, hook.location))
    if (same >= 0) list[same] = hook
    else list.push(hook)
  }

  defineParameterType<T>(options: ParameterTypeOptions<T>): void {
    if (this.parameterTypes.lookupByTypeName(options.name)) return
    const regexps = Array.isArray(options.regexp) ? [...options.regexp] : [options.regexp as RegExp | string]
    this.parameterTypes.defineParameterType(
      new ParameterType<T>(
        options.name,
        regexps,
        null,
        options.transformer ?? ((...match: string[]) => match[0] as T),
        options.useForSnippets ?? true,
        options.preferForRegexpMatch ?? false,
      ),
    )
  }

  expressionOf(definition: StepDefinition, relative?: (file: string) => string): Expression {
    let expression = this.#expressions.get(definition)
    if (expression) return expression
    try {
      expression =
        typeof definition.pattern === 'string'
          ? new CucumberExpression(definition.pattern, this.parameterTypes)
          : new RegularExpression(definition.pattern, this.parameterTypes)
    } catch (error) {
      throw new StepDefinitionError(`${describeDefinition(definition, relative)}: ${(error as Error).message.trim()}`, { cause: error })
    }
    this.#expressions.set(definition, expression)
    return expression
  }

  /** Every definition whose expression matches the step text (Cucumber ignores the keyword here). */
  match(text: string, relative?: (file: string) => string): StepMatch[] {
    const matches: StepMatch[] = []
    for (const definition of this.definitions) {
      const args = this.expressionOf(definition, relative).match(text)
      if (!args) continue
      matches.push({ definition, values: (world) => Promise.all(args.map((a) => a.getValue(world))) })
    }
    return matches
  }

  snippetGenerator(): CucumberExpressionGenerator {
    return new CucumberExpressionGenerator(() => this.parameterTypes.parameterTypes)
  }
}
