import { shellQuote } from '../shell-quote.ts'

export interface ReplayTarget {
  seed: number
  /** Set when `SPEC_CI_NUM_RUNS` changed the run count: the replay needs the same count. */
  numRuns?: number
  project: string | undefined
  /** Test file relative to the project root, with `/`. */
  file: string
  /** Full test name (suites and name joined by spaces, as `-t` matches it). */
  testName: string
  /** `npm_config_user_agent` of the run, to print the command with the package manager in use. */
  userAgent: string | undefined
}

const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function runner(userAgent: string | undefined): string {
  if (userAgent?.startsWith('pnpm/')) return 'pnpm vitest'
  if (userAgent?.startsWith('yarn/')) return 'yarn vitest'
  if (userAgent?.startsWith('bun/')) return 'bunx vitest'
  return 'npx vitest'
}

/** The exact command that runs this one property again with the same seed, so it fails the same way. */
export function replayCommand(target: ReplayTarget): string {
  const env = [`SPEC_CI_SEED=${target.seed}`]
  if (target.numRuns !== undefined) env.push(`SPEC_CI_NUM_RUNS=${target.numRuns}`)
  const args = ['run']
  if (target.project) args.push('--project', shellQuote(target.project))
  args.push(shellQuote(target.file), '-t', shellQuote(escapeRegExp(target.testName)))
  return `${env.join(' ')} ${runner(target.userAgent)} ${args.join(' ')}`
}
