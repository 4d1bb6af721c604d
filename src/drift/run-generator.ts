import { spawn } from 'node:child_process'
import { shellQuote } from '../shell-quote.ts'

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
/**
 * After the generator's process has exited and its group was killed, how long its stderr may still be
 * read: enough to drain what it wrote; only a process that escaped the group (setsid) keeps the pipe
 * open that long, and it is cut off then.
 */
const DRAIN_MS = 1000
/** After a kill, how long to wait for the exit before giving up on the process (it cannot be waited for). */
const EXIT_AFTER_KILL_MS = 5000

/** Fills `{out}` with the temporary output directory, shell-quoted when it needs to be. */
export function fillCommand(run: string, outDir: string): string {
  return run.replaceAll('{out}', shellQuote(outDir))
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    // The generator runs in its own process group: this reaches every process it started, except one
    // that left the group on purpose (setsid).
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * Runs a generator command through the shell in `cwd`, in its own process group (stdin and stdout
 * to /dev/null, stderr read for the failure message). The run ends when the shell's process exits or the
 * timeout fires, whatever else still holds its stderr: then the whole group is killed, stderr is read
 * for at most DRAIN_MS more, and the pipe is destroyed. A process that left the group (setsid) cannot
 * be reached by the group kill; it is not waited for, and its next write to the closed pipe fails
 * (EPIPE/SIGPIPE).
 */
export function runGenerator(run: string, options: { cwd: string; outDir: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<GeneratorRun> {
  const command = fillCommand(run, options.outDir)
  const started = performance.now()
  return new Promise((resolve) => {
    let stderr = Buffer.alloc(0)
    let timedOut = false
    let done = false
    const child = spawn(command, {
      cwd: options.cwd,
      shell: true,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...options.env, SPEC_CI_OUT: options.outDir },
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk])
      if (stderr.length > TAIL_BYTES * 2) stderr = stderr.subarray(stderr.length - TAIL_BYTES)
    })
    child.stderr.on('error', () => {}) // destroyed below; nothing to report
    let giveUp: NodeJS.Timeout | undefined
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
      // SIGKILL ends the shell at once; should its exit never be reported, the run still ends.
      giveUp = setTimeout(() => finish(null, 'SIGKILL'), EXIT_AFTER_KILL_MS)
    }, options.timeoutMs)

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      clearTimeout(giveUp)
      killGroup(child.pid)
      let settled = false
      const settle = (): void => {
        if (settled) return
        settled = true
        clearTimeout(drain)
        child.stderr.destroy()
        const text = stderr.subarray(Math.max(0, stderr.length - TAIL_BYTES)).toString('utf8')
        const stderrTail = text.trimEnd().split('\n').slice(-TAIL_LINES).join('\n')
        resolve({ command, exitCode, signal, timedOut, stderrTail, durationMs: performance.now() - started, ...(spawnError ? { spawnError } : {}) })
      }
      // What was written before the exit is still in the pipe: read it until every writer is gone, or
      // until DRAIN_MS when one escaped the group.
      const drain = setTimeout(settle, DRAIN_MS)
      if (child.stderr.readableEnded || child.stderr.destroyed) settle()
      else child.stderr.once('close', settle)
    }
    child.on('error', (error) => finish(null, null, error.message))
    // 'exit', not 'close': 'close' waits for every holder of the pipe, which a leftover child may keep open.
    child.on('exit', (code, signal) => finish(code, signal))
  })
}
