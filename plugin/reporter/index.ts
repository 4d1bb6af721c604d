import { SpecCiReporter } from './spec-ci-reporter.ts'

export type { ReportOptions } from '../types.ts'
export { SpecCiReporter }
export default SpecCiReporter
