import type { SectionBuilder } from '../section-contract.ts'
import { conformanceSection } from './conformance.ts'
import { contractSection } from './contract.ts'
import { generateBddSection } from './generate-bdd.ts'
import { generateDriftSection } from './generate-drift.ts'
import { propertySection } from './property.ts'

/**
 * Every section of summary.json, in the order summary.md shows them. A project adds its builder here
 * (one import, one entry); builders sharing a `section` key have their objects merged shallowly.
 */
export const sectionBuilders: ReadonlyArray<SectionBuilder> = [
  conformanceSection,
  contractSection,
  generateDriftSection,
  generateBddSection,
  propertySection,
]
