import { spawn } from 'node:child_process'
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
