// Writes the BDD bench suite: `features` feature files of 15 scenarios (3 steps each), and the same
// suite's support code for each tool measured side by side: vitest-spec-ci (a Vitest project with the
// generate project's features), cucumber-js (a step file) and @amiceli/vitest-cucumber (one spec file per
// feature, as that tool wants). Every scenario passes on each tool, and each tool's run is checked for it.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SCENARIOS_PER_FEATURE = 15

const scenario = (f, s) => {
  const start = (f * 7 + s) % 10
  const added = (s % 4) + 1
  return {
    name: `add ${added} to a cart of ${start} (feature ${f}, scenario ${s})`,
    steps: [
      ['Given', `a cart with ${start} items`],
      ['When', `I add ${added} items`],
      ['Then', `the cart has ${start + added} items`],
    ],
  }
}

const featureText = (f) =>
  [
    `Feature: cart ${f}`,
    '',
    ...Array.from({ length: SCENARIOS_PER_FEATURE }, (_, s) => {
      const { name, steps } = scenario(f, s)
      return [`  Scenario: ${name}`, ...steps.map(([k, t]) => `    ${k} ${t}`), ''].join('\n')
    }),
  ].join('\n')

const ourSteps = (harness) => `import { Given, When, Then } from ${JSON.stringify(harness)}
Given('a cart with {int} items', (world, n) => { world.items = n })
When('I add {int} items', (world, n) => { world.items += n })
Then('the cart has {int} items', (world, n) => { if (world.items !== n) throw new Error(\`expected \${n} items, got \${world.items}\`) })
`

const cucumberSteps = `import { Given, When, Then } from '@cucumber/cucumber'
Given('a cart with {int} items', function (n) { this.items = n })
When('I add {int} items', function (n) { this.items += n })
Then('the cart has {int} items', function (n) { if (this.items !== n) throw new Error(\`expected \${n} items, got \${this.items}\`) })
`

// vitest-cucumber matches every step of every scenario by its text, in a spec file per feature.
const vitestCucumberSpec = (f) => `import { describeFeature, loadFeature } from '@amiceli/vitest-cucumber'
const feature = await loadFeature(${JSON.stringify(`features/cart-${f}.feature`)})
describeFeature(feature, ({ Scenario }) => {
${Array.from({ length: SCENARIOS_PER_FEATURE }, (_, s) => {
  const { name, steps } = scenario(f, s)
  const [[, given], [, when], [, then]] = steps
  const n = (t) => Number(t.match(/\d+/)[0])
  return `  Scenario(${JSON.stringify(name)}, ({ Given, When, Then }) => {
    let items = 0
    Given(${JSON.stringify(given)}, () => { items = ${n(given)} })
    When(${JSON.stringify(when)}, () => { items += ${n(when)} })
    Then(${JSON.stringify(then)}, () => { if (items !== ${n(then)}) throw new Error('expected ${n(then)} items, got ' + items) })
  })`
}).join('\n')}
})
`

/** The suite of `features` files under bench/.data/bdd-<features>/, written once. */
export function makeBddSuite(features) {
  const dir = path.join(repo, 'bench', '.data', `bdd-${features}`)
  const done = path.join(dir, '.complete')
  if (existsSync(done)) return writeConfig(dir)
  rmSync(dir, { recursive: true, force: true })
  for (const sub of ['features', 'steps', 'specs']) mkdirSync(path.join(dir, sub), { recursive: true })
  for (let f = 0; f < features; f++) {
    writeFileSync(path.join(dir, 'features', `cart-${f}.feature`), featureText(f))
    writeFileSync(path.join(dir, 'specs', `cart-${f}.spec.mjs`), vitestCucumberSpec(f))
  }
  writeFileSync(path.join(dir, 'steps', 'cart.steps.mjs'), ourSteps(path.join(repo, 'dist', 'generated-test-harness', 'bdd.js')))
  writeFileSync(path.join(dir, 'cucumber-steps.mjs'), cucumberSteps)
  writeFileSync(path.join(dir, 'vitest.cucumber.config.mjs'), `import { defineConfig } from 'vitest/config'\nexport default defineConfig({ test: { include: ['specs/**/*.spec.mjs'] } })\n`)
  writeFileSync(done, '')
  return writeConfig(dir)
}

/** Our config, written on every run (cheap), so a cached suite never runs with an older one. */
function writeConfig(dir) {
  // By package name, as a user's config imports it (resolved through this package's own "exports"): a
  // path would make Vite's config loader bundle the whole plugin into the config, every run.
  const plugin = JSON.stringify('vitest-spec-ci')
  writeFileSync(
    path.join(dir, 'vitest.spec-ci.config.mjs'),
    `import { defineConfig } from 'vitest/config'
import { specCi } from ${plugin}
export default defineConfig({ plugins: [specCi({ generate: { features: ['features/**/*.feature'], steps: ['steps/**/*.mjs'] }, report: false })] })
`,
  )
  return dir
}
