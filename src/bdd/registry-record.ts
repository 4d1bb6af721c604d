import type { HookKind, SourceLocation, StepRegistry } from './step-registry.ts'
import type { HookRecord, HookType, RegistryRecord, SourceRecord } from './run-record.ts'

const HOOK_TYPES: Record<HookKind, HookType> = {
  beforeAll: 'BEFORE_TEST_RUN',
  afterAll: 'AFTER_TEST_RUN',
  before: 'BEFORE_TEST_CASE',
  after: 'AFTER_TEST_CASE',
  beforeStep: 'BEFORE_TEST_STEP',
  afterStep: 'AFTER_TEST_STEP',
}

/** Where something was defined, relative to the project root. */
export function sourceRecord(location: SourceLocation | undefined, relative: (file: string) => string): SourceRecord | undefined {
  return location && { uri: relative(location.file), line: location.line, column: location.column }
}

/** What the step files registered, in the run record's terms (once per feature file). */
export function registryRecord(registry: StepRegistry, relative: (file: string) => string): RegistryRecord {
  const hooks: HookRecord[] = []
  for (const kind of Object.keys(HOOK_TYPES) as HookKind[])
    for (const hook of registry[kind]) {
      const source = sourceRecord(hook.location, relative)
      hooks.push({
        id: hook.id!,
        type: HOOK_TYPES[kind],
        ...(hook.name !== undefined && { name: hook.name }),
        ...(hook.tags && { tagExpression: hook.tags.source }),
        ...(source && { source }),
        convention: hook.convention ?? 'world-first',
      })
    }
  return {
    stepDefinitions: registry.definitions.map((d) => {
      const source = sourceRecord(d.location, relative)
      return {
        id: d.id!,
        pattern: typeof d.pattern === 'string' ? d.pattern : d.pattern.source,
        patternType: typeof d.pattern === 'string' ? 'CUCUMBER_EXPRESSION' : 'REGULAR_EXPRESSION',
        ...(source && { source }),
        convention: d.convention ?? 'world-first',
      }
    }),
    hooks,
    parameterTypes: registry.definedParameterTypes.map((p) => {
      const source = sourceRecord(p.location, relative)
      return {
        id: p.id,
        name: p.name,
        regularExpressions: p.regexps,
        preferForRegularExpressionMatch: p.preferForRegexpMatch,
        useForSnippets: p.useForSnippets,
        ...(source && { source }),
      }
    }),
    undefinedParameterTypes: registry.undefinedParameterTypes().map((u) => ({ expression: u.expression, name: u.name })),
  }
}
