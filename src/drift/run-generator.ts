import { spawn } from 'node:child_process'

export interface GeneratorRun {
  /** The command as run, with `{out}` filled in. */
  command: string
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  /** The last lines of stderr (at most 20 lines / 4 KiB). */
  stderrTail: string
  durationMs: number
  /** Could not be started at all (e.g. no shell). */
  spawnError?: string
}

const TAIL_BYTES = 4096
const TAIL_LINES = 20

const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`

/** Fills `{out}` with the (shell-quoted) temporary output directory. */
export function fillCommand(run: string, outDir: string): string {
  return run.replaceAll('{out}', shellQuote(outDir))
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    // The generator runs in its own process group: this reaches every process it started.
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * Runs a generator command through the shell in `cwd`, in its own process group. On timeout the whole
 * group is killed; after a normal exit, anything the generator left running in its group is killed too,
 * so no stray process outlives the test.
 */
export function runGenerator(run: string, options: { cwd: string; outDir: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<GeneratorRun> {
  const command = fillCommand(run, options.outDir)
  const started = performance.now()
  return new Promise((resolve) => {
    let stderr = Buffer.alloc(0)
    let timedOut = false
    const child = spawn(command, {
      cwd: options.cwd,
      shell: true,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...options.env, SPEC_CI_OUT: options.outDir },
    })
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, options.timeoutMs)
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk])
      if (stderr.length > TAIL_BYTES * 2) stderr = stderr.subarray(stderr.length - TAIL_BYTES)
    })
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string): void => {
      clearTimeout(timer)
      killGroup(child.pid)
      const text = stderr.subarray(Math.max(0, stderr.length - TAIL_BYTES)).toString('utf8')
      const stderrTail = text.trimEnd().split('\n').slice(-TAIL_LINES).join('\n')
      resolve({ command, exitCode, signal, timedOut, stderrTail, durationMs: performance.now() - started, ...(spawnError ? { spawnError } : {}) })
    }
    child.on('error', (error) => finish(null, null, error.message))
    child.on('close', (code, signal) => finish(code, signal))
  })
}
