import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { fixturesDir } from './run-fixture.ts'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const vitestBin = path.join(repoRoot, 'node_modules/vitest/vitest.mjs')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function runNode(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<CliResult> {
  return runProcess(process.execPath, args, options)
}

/** A workflow step's `run:` script, as GitHub runs it (`bash -e`), in `cwd`. */
export function runBash(script: string, options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<CliResult> {
  return runProcess('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], options)
}

function runProcess(command: string, args: string[], options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }
    // The outer Vitest marks its workers; a child Vitest must not think it is one of them.
    for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') delete env[key]
    delete env.GITHUB_ACTIONS
    const child = spawn(command, args, { cwd: options.cwd, env: { ...env, ...options.env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** `vitest <args>` as a child process in a fixture project. */
export function runVitestCli(fixture: string, args: string[], env?: Record<string, string | undefined>): Promise<CliResult> {
  return runNode([vitestBin, ...args], { cwd: path.join(fixturesDir, fixture), env })
}

/** The built `spec-ci` bin. */
export function runSpecCi(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return runNode([path.join(repoRoot, 'dist/cli/bin.js'), ...args], { cwd: options.cwd ?? repoRoot, env: options.env })
}

/** A long-running `spec-ci` child (a server), once it has printed its first line (its URL). */
export interface ServingCli {
  child: ChildProcessWithoutNullStreams
  /** The first line of its output. */
  url: string
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

/** Starts `spec-ci <args>` and resolves when its first line is out; fails if it exits first or takes 10 s. */
export function startSpecCi(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<ServingCli> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/bin.js'), ...args], { cwd: options.cwd, env: { ...process.env, SPEC_CI_REPORT_DIR: '', ...options.env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`spec-ci ${args.join(' ')}: no first line within 10 s: ${stdout}${stderr}`)), 10_000)
    const onData = () => {
      if (!stdout.includes('\n')) return
      clearTimeout(timer)
      child.stdout.removeListener('data', onData)
      resolve({ child, url: stdout.split('\n')[0]!, stdout: () => stdout, stderr: () => stderr, exited })
    }
    child.stdout.on('data', onData)
    void exited.then((code) => reject(new Error(`spec-ci ${args.join(' ')} exited ${code} before its first line: ${stderr}`)))
  })
}
