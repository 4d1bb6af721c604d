import type { Plugin } from 'vite'
import type { Vitest } from 'vitest/node'
import type { ReportOptions } from '../types.ts'
import { ShardNotice } from './shard-notice.ts'
import { SPEC_CI_REPORTER, SpecCiReporter } from './spec-ci-reporter.ts'

export const REPORTER_NAME = 'vitest-spec-ci/reporter'
const REGISTERED = Symbol.for('vitest-spec-ci.reporter-registered')

type ReporterEntry = Vitest['config']['reporters'][number]

function isOurs(entry: ReporterEntry): boolean {
  if (Array.isArray(entry)) return entry[0] === REPORTER_NAME
  return typeof entry === 'object' && entry !== null && SPEC_CI_REPORTER in entry
}

/**
 * Adds our reporter next to whatever reporters the run already has (the config's, or the `--reporter`
 * flags, which replace the config's), so the user's choice still decides their own output.
 *
 * It runs in `configureVitest`, after Vitest resolved the reporter list and before it creates the
 * reporters, and it sits on every spec project, because `--project` keeps only the hooks of the
 * projects it selects. A sharded run (`--shard`) gets no summary of its own: its blob report is merged
 * later, and the merge writes the summary; the shard gets a {@link ShardNotice} instead.
 */
export function registerReporter(vitest: Vitest, options: ReportOptions): void {
  // A mark on the instance, not a module-level set: another copy of this package must see it too.
  if (Reflect.get(vitest, REGISTERED) === true) return
  Reflect.set(vitest, REGISTERED, true)
  const reporters = vitest.config.reporters
  const named = reporters.find(isOurs)
  if (named) {
    // `--reporter=vitest-spec-ci/reporter` (e.g. with --merge-reports) gets the config's `report`
    // options; options given with the reporter itself win.
    if (Array.isArray(named)) named[1] = { ...options, ...(named[1] as ReportOptions) }
    return
  }
  // A shard's partial summary would be misleading: it says so instead, and removes a stale one.
  if (vitest.config.shard) {
    reporters.push(new ShardNotice(options))
    return
  }
  reporters.push(new SpecCiReporter(options))
}

/** Registers the reporter when one of the spec projects takes part in the run. */
export function reporterPlugin(options: ReportOptions): Plugin {
  return {
    name: 'vitest-spec-ci:reporter',
    configureVitest({ vitest }) {
      registerReporter(vitest, options)
    },
  }
}
