import type { ReportedTest, SectionBuilder } from '../section-builder.ts'
import type { SpecCiMeta } from '../../test-meta.ts'
import { conformanceSection } from './conformance.ts'
import { contractSection } from './contract.ts'
import { generateBddSection } from './generate-bdd.ts'
import { generateDriftSection } from './generate-drift.ts'
import { propertySection } from './property.ts'

/**
 * A builder that reads the meta shapes `Meta` gets the tests of its kinds only, as those shapes. A
 * test's `kind` says which shape its meta has: each kind belongs to exactly one member of `SpecCiMeta`.
 */
function byKind<Section, Meta extends SpecCiMeta>(builder: SectionBuilder<Section, Meta>): SectionBuilder<Section> {
  const kinds: ReadonlyArray<string> = builder.kinds
  const mine = (tests: ReadonlyArray<ReportedTest>) => tests.filter((test): test is ReportedTest<Meta> => kinds.includes(test.meta.kind))
  const files = builder.files?.bind(builder)
  return {
    section: builder.section,
    kinds,
    build: (tests) => builder.build(mine(tests)),
    markdown: (section, md) => builder.markdown(section, md),
    ...(files ? { files: (section: Section, tests: ReadonlyArray<ReportedTest>, run: { generatedAt: string }) => files(section, mine(tests), run) } : {}),
  }
}

/**
 * Every section of summary.json, in the order summary.md shows them. A project adds its builder here
 * (one import, one entry); builders sharing a `section` key have their objects merged shallowly.
 */
export const sectionBuilders: ReadonlyArray<SectionBuilder> = [
  byKind(conformanceSection),
  byKind(contractSection),
  byKind(generateDriftSection),
  byKind(generateBddSection),
  byKind(propertySection),
]
