import MagicString from 'magic-string'

/** The ESTree shapes this transform reads (Vite's `this.parse` gives ESTree with offsets). */
interface Node {
  type: string
  start: number
  end: number
  [key: string]: unknown
}

/** Where the first argument's binding comes from: `import { kvonce } from 'vitest-spec-ci/specs'`. */
export interface SpecBinding {
  source: string
  imported: string
}

/**
 * Test names for a `describeSpecProperties(spec, options)` call whose spec is bound as `binding`, or
 * `undefined` when they cannot be known before the module runs (its tests then register at run time).
 */
export type PropertyNamesFor = (binding: SpecBinding, options: { hasModelOption: boolean }) => readonly string[] | undefined

const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && typeof (value as Node).type === 'string'

function* walk(node: Node): Generator<Node> {
  yield node
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) if (isNode(child)) yield* walk(child)
    if (isNode(value)) yield* walk(value)
  }
}

function importBindings(program: Node): Map<string, SpecBinding> {
  const bindings = new Map<string, SpecBinding>()
  for (const statement of program.body as Node[]) {
    if (statement.type !== 'ImportDeclaration') continue
    const source = (statement.source as { value: string }).value
    for (const specifier of statement.specifiers as Node[]) {
      const local = (specifier.local as { name: string }).name
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported as { name?: string; value?: string }
        bindings.set(local, { source, imported: imported.name ?? imported.value ?? local })
      }
    }
  }
  return bindings
}

function hasModelOption(options: Node | undefined): boolean {
  if (!options || options.type !== 'ObjectExpression') return true
  return (options.properties as Node[]).some(
    (p) => p.type !== 'Property' || (p.key as Node).type !== 'Identifier' || (p.key as { name: string }).name === 'model',
  )
}

/**
 * Rewrites each top-level-statement call `describeSpecProperties(spec, options)` whose test names are
 * known into a `describe` with one literal `test` per property, so Vitest's static collection (the VS
 * Code explorer, `vitest list`) sees every property before anything runs. The call itself stays in
 * place as a call of the harness's `plannedSpecProperties` (same arguments, plus the names), evaluated
 * once when the suite is collected, so it registers no tests of its own. The generated text is on the callee's line, so every test is located at the call.
 */
export function expandPropertyCalls(code: string, program: Node, namesFor: PropertyNamesFor, sourceId: string, planModule: string): { code: string; map: ReturnType<MagicString['generateMap']> } | undefined {
  const bindings = importBindings(program)
  const apiNames = new Set([...bindings].filter(([, b]) => b.imported === 'describeSpecProperties').map(([local]) => local))
  if (apiNames.size === 0) return undefined
  const s = new MagicString(code)
  let count = 0
  for (const node of walk(program)) {
    if (node.type !== 'ExpressionStatement') continue
    const call = node.expression as Node
    if (call.type !== 'CallExpression') continue
    const callee = call.callee as Node & { name?: string }
    if (callee.type !== 'Identifier' || !apiNames.has(callee.name!) || callee.start !== node.start) continue
    const args = call.arguments as Node[]
    if (args.length !== 2 || args[0]!.type !== 'Identifier') continue
    const binding = bindings.get((args[0] as Node & { name: string }).name)
    if (!binding) continue
    const names = namesFor(binding, { hasModelOption: hasModelOption(args[1]) })
    if (!names || names.length === 0) continue
    const id = count++
    const plan = `__specCiPlan${id}`
    const tests = names
      .map((name) => `__specCiTest(${JSON.stringify(name)}, (context) => ${plan}().run(${JSON.stringify(name)}, context), ${plan}().timeout);`)
      .join(' ')
    // `var` and a function declaration are hoisted: the tests above the call may name the plan.
    s.overwrite(
      callee.start,
      callee.end,
      `__specCiDescribe(${JSON.stringify(`${binding.imported} properties`)}, () => { ${tests} function ${plan}() { return __specCiPlanned${id} ??= __specCiPlannedProperties`,
    )
    s.appendLeft(args[1]!.end, `, ${JSON.stringify(names)}`)
    s.appendLeft(call.end, `; } var __specCiPlanned${id}; })`)
  }
  if (count === 0) return undefined
  // The literal tests' runner comes from the harness by path: it is not part of the package's public API.
  s.prepend(`import { describe as __specCiDescribe, test as __specCiTest } from 'vitest';import { plannedSpecProperties as __specCiPlannedProperties } from ${JSON.stringify(planModule)};`)
  return { code: s.toString(), map: s.generateMap({ hires: true, source: sourceId, includeContent: true }) }
}
