import type { OtlpCaptureEndpoint } from '../otlp/capture-endpoint.ts'
import {
  Argument,
  CucumberExpression,
  CucumberExpressionGenerator,
  ParameterType,
  ParameterTypeRegistry,
  RegularExpression,
  type Expression,
} from '@cucumber/cucumber-expressions'
import { StepDefinitionError } from '../errors.ts'
import type { CompiledTags } from './hook-tags.ts'
import { definitionId } from './definition-id.ts'

/** Where a step definition or hook was written (its file, 1-based line and column). */
export interface SourceLocation {
  file: string
  line: number
  column: number
}

export type StepKeyword = 'Given' | 'When' | 'Then'

/**
 * How the step or hook function is called: `world-first` (`vitest-spec-ci/bdd`: fn(world, ...args),
 * `this` = world) or `cucumber` (`vitest-spec-ci/cucumber`: fn(...args), `this` = world).
 */
export type CallingConvention = 'world-first' | 'cucumber'

// Step functions are user code taking the world and the step's arguments: their types are the user's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StepFunction<World = any> = (this: World, world: World, ...args: any[]) => unknown

export interface StepDefinition {
  keyword: StepKeyword
  pattern: string | RegExp
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (...args: any[]) => unknown
  location: SourceLocation | undefined
  /** Milliseconds; `undefined`: the registry's default timeout. */
  timeout?: number
  /** @default 'world-first' */
  convention?: CallingConvention
  /** Set by the registry: stable for this definition within a run. */
  id?: string
  /** Set by the registry: the generation (see {@link StepRegistry.endGeneration}) it was made in. */
  generation?: number
}

/** How a definition is shown in messages: `Given('I have {int} items') steps/items.ts:4`. */
export function describeDefinition(definition: StepDefinition, relative: (file: string) => string = (f) => f): string {
  const pattern = typeof definition.pattern === 'string' ? `'${definition.pattern}'` : String(definition.pattern)
  const where = definition.location ? ` ${relative(definition.location.file)}:${definition.location.line}` : ''
  return `${definition.keyword}(${pattern})${where}`
}

export interface StepMatch {
  definition: StepDefinition
  /** The expression's arguments (groups and parameter types), for the run record. */
  args: readonly Argument[]
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
  /** The scenario's worst status so far (Cucumber's rule). */
  status?: string
  error: unknown
  willBeRetried?: boolean
}

export type BeforeHook<World = unknown> = (world: World, scenario: ScenarioInfo) => unknown
export type AfterHook<World = unknown> = (world: World, scenario: AfterInfo) => unknown

export type HookKind = 'before' | 'after' | 'beforeStep' | 'afterStep' | 'beforeAll' | 'afterAll'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface HookDefinition<Fn = (...args: any[]) => unknown> {
  fn: Fn
  location: SourceLocation | undefined
  name?: string
  /** The compiled tag expression; `undefined`: every scenario. Not for BeforeAll/AfterAll. */
  tags?: CompiledTags
  timeout?: number
  /** @default 'world-first' */
  convention?: CallingConvention
  /** Set by the registry. */
  id?: string
  kind?: HookKind
  generation?: number
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

/** A parameter type the step files defined, with where (for the run record). */
export interface DefinedParameterType {
  id: string
  name: string
  regexps: string[]
  useForSnippets: boolean
  preferForRegexpMatch: boolean
  location: SourceLocation | undefined
}

/** A definition whose expression names a parameter type nobody defined: it matches no step. */
export interface UndefinedParameterTypeUse {
  definition: StepDefinition
  expression: string
  name: string
}

/** The World class a step file chose (`setWorldConstructor`); the harness makes one per scenario. */
export type WorldConstructor = new (options: { parameters: unknown; attach: unknown; log: unknown; link: unknown }) => object

const at = (l: SourceLocation | undefined) => (l ? `${l.file}:${l.line}:${l.column}` : undefined)

interface Registered {
  location: SourceLocation | undefined
  generation?: number
}

/**
 * Step definitions, hooks and parameter types of one worker. Expressions are compiled on first use, so
 * a step file may use a parameter type that another step file defines later.
 *
 * Registration is by identity: every call registers, so a helper that registers the same hook twice
 * gives two hooks. A step file evaluated again in the same worker (isolate: false, watch mode) must not
 * double its definitions, so the registry counts generations: each generated feature module ends its
 * body with {@link endGeneration}, and a registration made at a call site that an EARLIER generation
 * registered at replaces that one (one for one, in place); several from the same generation are all kept.
 */
/** Step texts whose matches a registry remembers at most (a suite of generated texts stays bounded). */
const MAX_REMEMBERED_TEXTS = 10_000

export class StepRegistry {
  readonly parameterTypes = new ParameterTypeRegistry()
  readonly definitions: StepDefinition[] = []
  readonly before: HookDefinition[] = []
  readonly after: HookDefinition[] = []
  readonly beforeStep: HookDefinition[] = []
  readonly afterStep: HookDefinition[] = []
  readonly beforeAll: HookDefinition[] = []
  readonly afterAll: HookDefinition[] = []
  readonly definedParameterTypes: DefinedParameterType[] = []
  worldConstructor: WorldConstructor | undefined
  /** Milliseconds a step or hook may take unless it says otherwise (`setDefaultTimeout`). */
  defaultTimeout = 5000
  generation = 0
  readonly #expressions = new Map<StepDefinition, Expression | null>()
  readonly #undefinedParameterTypes = new Map<StepDefinition, UndefinedParameterTypeUse>()
  /** Call sites registered in the current generation, per list, with how many times. */
  readonly #touched = new Map<unknown[], Map<string, number>>()
  /**
   * Each step text's matches, while the definitions and parameter types stay as they are (a change
   * clears it). A suite repeats its step texts (every scenario of an outline, every "Given a cart"),
   * and matching one text against every definition runs each expression's regular expression through
   * cucumber-expressions' match-indices shim: ~20 µs a step. The arguments are reused: their values are
   * transformed again, for each step, when it runs.
   */
  readonly #matches = new Map<string, StepMatch[]>()

  #place<T extends Registered>(list: T[], item: T, key: string | undefined, idOf: (occurrence: number) => string): string {
    item.generation = this.generation
    this.#matches.clear()
    let touched = this.#touched.get(list)
    if (!touched) this.#touched.set(list, (touched = new Map()))
    const occurrence = key === undefined ? list.length : (touched.get(key) ?? 0)
    if (key !== undefined) touched.set(key, occurrence + 1)
    const id = idOf(occurrence)
    const older = key === undefined ? -1 : list.findIndex((x) => (x.generation ?? 0) < this.generation && this.#keys.get(x) === key)
    if (older >= 0) list[older] = item
    else list.push(item)
    return id
  }

  /** Each registration's call site (location and what it defines); none without a location. */
  readonly #keys = new WeakMap<object, string | undefined>()

  define(definition: StepDefinition): void {
    const where = at(definition.location)
    const what = `${definition.keyword}\0${String(definition.pattern)}`
    const key = where === undefined ? undefined : `${where}\0${what}`
    this.#keys.set(definition, key)
    const old = this.definitions.find((d) => (d.generation ?? 0) < this.generation && this.#keys.get(d) === key && key !== undefined)
    if (old) {
      this.#expressions.delete(old)
      this.#undefinedParameterTypes.delete(old)
    }
    definition.id = this.#place(this.definitions, definition, key, (n) => definitionId('step', sourceOf(definition.location), what, n))
  }

  addHook(kind: HookKind, hook: HookDefinition): void {
    const list = this[kind]
    const where = at(hook.location)
    const key = where === undefined ? undefined : `${kind}\0${where}`
    this.#keys.set(hook, key)
    hook.kind = kind
    hook.id = this.#place(list, hook, key, (n) => definitionId(kind, sourceOf(hook.location), hook.tags?.source ?? '', n))
  }

  /**
   * Ends a generation: call sites registered again in it drop what earlier generations registered
   * there and was not replaced one for one (a helper that now registers fewer times).
   */
  endGeneration(): void {
    this.#matches.clear()
    for (const [list, touched] of this.#touched) {
      for (let i = list.length - 1; i >= 0; i--) {
        const item = list[i] as Registered & object
        const key = this.#keys.get(item)
        if ((item.generation ?? 0) < this.generation && key !== undefined && touched.has(key)) list.splice(i, 1)
      }
    }
    this.#touched.clear()
    this.generation++
  }

  defineParameterType<T>(options: ParameterTypeOptions<T>, location?: SourceLocation): void {
    if (this.parameterTypes.lookupByTypeName(options.name)) return
    this.#matches.clear()
    const regexps = Array.isArray(options.regexp) ? [...options.regexp] : [options.regexp as RegExp | string]
    const type = new ParameterType<T>(
      options.name,
      regexps,
      null,
      options.transformer ?? ((...match: string[]) => match[0] as T),
      options.useForSnippets ?? true,
      options.preferForRegexpMatch ?? false,
    )
    this.parameterTypes.defineParameterType(type)
    this.definedParameterTypes.push({
      id: definitionId('parameterType', sourceOf(location), options.name, 0),
      name: options.name,
      regexps: type.regexpStrings.slice(),
      useForSnippets: options.useForSnippets ?? true,
      preferForRegexpMatch: options.preferForRegexpMatch ?? false,
      location,
    })
  }

  /**
   * The definition's compiled expression; `null` when it names a parameter type nobody defined (it
   * then matches nothing, see {@link undefinedParameterTypes}). Any other error in the expression
   * names the definition and where it is.
   */
  expressionOf(definition: StepDefinition, relative?: (file: string) => string): Expression | null {
    const known = this.#expressions.get(definition)
    if (known !== undefined) return known
    let expression: Expression | null
    try {
      expression =
        typeof definition.pattern === 'string'
          ? new CucumberExpression(definition.pattern, this.parameterTypes)
          : new RegularExpression(definition.pattern, this.parameterTypes)
    } catch (error) {
      const unknownType = undefinedParameterTypeName(error)
      if (unknownType === undefined)
        throw new StepDefinitionError(`${describeDefinition(definition, relative)}: ${(error as Error).message.trim()}`, { cause: error })
      this.#undefinedParameterTypes.set(definition, { definition, expression: String(definition.pattern), name: unknownType })
      expression = null
    }
    this.#expressions.set(definition, expression)
    return expression
  }

  /** Definitions found (so far: expressions compile on first match) to name an undefined parameter type. */
  undefinedParameterTypes(): UndefinedParameterTypeUse[] {
    for (const definition of this.definitions) {
      try {
        this.expressionOf(definition)
      } catch {
        // a broken expression is the scenarios' failure, not an undefined type
      }
    }
    return this.definitions.flatMap((d) => this.#undefinedParameterTypes.get(d) ?? [])
  }

  /** Every definition whose expression matches the step text (Cucumber ignores the keyword here). */
  match(text: string, relative?: (file: string) => string): readonly StepMatch[] {
    const known = this.#matches.get(text)
    if (known) return known
    const matches: StepMatch[] = []
    for (const definition of this.definitions) {
      const args = this.expressionOf(definition, relative)?.match(text)
      if (!args) continue
      matches.push({ definition, args, values: (world) => Promise.all(args.map((a) => a.getValue(world))) })
    }
    if (this.#matches.size >= MAX_REMEMBERED_TEXTS) this.#matches.clear()
    this.#matches.set(text, matches)
    return matches
  }

  snippetGenerator(): CucumberExpressionGenerator {
    return new CucumberExpressionGenerator(() => this.parameterTypes.parameterTypes)
  }
}

function sourceOf(location: SourceLocation | undefined) {
  return location && { uri: location.file, line: location.line, column: location.column }
}

/** The type name of @cucumber/cucumber-expressions' UndefinedParameterTypeError (not exported by name). */
function undefinedParameterTypeName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const name = (error as { undefinedParameterTypeName?: unknown }).undefinedParameterTypeName
  return typeof name === 'string' ? name : undefined
}
