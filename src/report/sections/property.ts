import type { PropertyHistoryMeta, PropertyTestMeta } from '../../property/test-meta.ts'
import type { MarkdownKit, SectionBuilder } from '../section-builder.ts'

export interface PropertySummary {
  name: string
  file: string
  line: number | null
  spec: string
  status: 'passed' | 'failed' | 'skipped'
  numRuns: number
  /** Runs made: all of them when it passed, up to the first failure otherwise. */
  runs: number
  seed: number
  seedSource: string
  /** The shrunk counterexample; `null` when the property held. */
  counterexample: string | null
  /** The rule or expectation that broke. */
  rule: string | null
  /** The command that replays the failure with its seed. */
  replay: string | null
  /**
   * A failing property generated from a spec's operations: its shrunk history per client (at most 200
   * operations, times as ranks), for a timeline view. Absent otherwise.
   */
  history?: PropertyHistoryMeta
  /** Where `writeFailingHistory` wrote that history as a trace, relative to the project root. Absent otherwise. */
  historyFile?: string
}

export interface PropertySection {
  properties: PropertySummary[]
}

const MAX_ROWS = 50
const short = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** summary.json's `property.properties` and a table for summary.md, from the meta of property tests. */
export const propertySection: SectionBuilder<PropertySection, PropertyTestMeta> = {
  section: 'property',
  kinds: ['property'],
  build(tests) {
    if (tests.length === 0) return undefined
    return {
      properties: tests.map((test): PropertySummary => {
        const { meta } = test
        return {
          name: test.name,
          file: test.file,
          line: test.line ?? null,
          spec: meta.spec,
          status: test.state,
          numRuns: meta.numRuns,
          runs: meta.runs,
          seed: meta.seed,
          seedSource: meta.seedSource,
          counterexample: meta.counterexample ?? null,
          rule: meta.rule ?? null,
          replay: meta.replay ?? null,
          ...(meta.history ? { history: meta.history } : {}),
          ...(meta.historyFile ? { historyFile: meta.historyFile } : {}),
        }
      }),
    }
  },
  markdown(section: PropertySection, md: MarkdownKit) {
    if (section.properties.length === 0) return ''
    const rows = section.properties.map((p) => [
      md.code(p.file),
      md.text(p.name),
      p.status,
      p.numRuns,
      p.seed,
      p.counterexample === null ? '' : md.code(short(p.counterexample.replaceAll('\n', ' '))),
    ])
    const parts = ['### Properties', '', md.table(['file', 'property', 'status', 'runs', 'seed', 'counterexample'], rows.slice(0, MAX_ROWS))]
    if (rows.length > MAX_ROWS) parts.push('', `… ${rows.length - MAX_ROWS} more properties in summary.json`)
    const replays = section.properties.filter((p) => p.replay !== null).slice(0, MAX_ROWS)
    if (replays.length > 0) parts.push('', 'Replay a failure:', ...replays.map((p) => `- ${md.text(p.name)}: ${md.code(p.replay)}`))
    return parts.join('\n')
  },
}
