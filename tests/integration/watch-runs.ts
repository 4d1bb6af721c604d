import path from 'node:path'
import { createVitest, type Vitest } from 'vitest/node'

export interface WatchSession {
  vitest: Vitest
  /** The test files (base names, sorted) of each run so far. */
  runs: string[][]
  /** Resolves when a run after the ones seen so far has ended. */
  nextRun(): Promise<void>
}

/** Vitest in watch mode on a fixture root, recording which files each run ran; close `vitest` after. */
export async function startWatching(root: string): Promise<WatchSession> {
  const runs: string[][] = []
  const vitest = await createVitest('test', { root, watch: true, reporters: [{ onTestRunEnd: (modules) => void runs.push(modules.map((m) => path.basename(m.moduleId)).sort()) }] })
  await vitest.start()
  return {
    vitest,
    runs,
    nextRun() {
      const seen = runs.length
      return new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (runs.length > seen) {
            clearInterval(timer)
            resolve()
          }
        }, 50)
      })
    },
  }
}
