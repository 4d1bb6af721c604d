import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startReportServer } from '../http/report-server.ts'
import { printable } from '../printable-text.ts'
import { REPORT_USAGE } from './report-usage.ts'
import { durationFlag, wholeNumberFlag } from './flag-values.ts'
import { stopSignal } from './stop-signal.ts'
import { CliUsageError } from './usage-error.ts'
export { REPORT_USAGE }

class UsageError extends CliUsageError {
  constructor(message: string) {
    super(message, REPORT_USAGE)
  }
}

/** The platform's way to open a URL: `$BROWSER`, else xdg-open / open / start. */
function browserCommand(url: string, env: NodeJS.ProcessEnv): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]]
  if (process.platform === 'darwin') return ['open', [url]]
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]]
  return ['xdg-open', [url]]
}

/** Best effort: resolves to what happened, never rejects; the browser is left running on its own. */
function openBrowser(url: string, env: NodeJS.ProcessEnv): Promise<string> {
  const [command, args] = browserCommand(url, env)
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true })
      child.once('error', (error: NodeJS.ErrnoException) => resolve(`could not start a browser (${printable(command)}: ${error.code ?? error.message}); open the URL yourself`))
      child.once('spawn', () => {
        child.unref()
        resolve(`opening in a browser (${printable(command)})`)
      })
    } catch (error) {
      resolve(`could not start a browser (${printable((error as Error).message)}); open the URL yourself`)
    }
  })
}

/** `spec-ci report serve|open [DIR]`. */
export async function reportServe(mode: 'serve' | 'open', argv: string[], out: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string', default: '0' }, duration: { type: 'string' } },
  })
  if (positionals.length > 1) throw new UsageError(`expected at most one report directory, got ${positionals.length}`)
  const dir = path.resolve(positionals[0] ?? (env.SPEC_CI_REPORT_DIR || 'hermetic-reports'))
  const page = path.join(dir, 'spec-ci', 'index.html')
  if (!existsSync(page))
    throw new UsageError(`${printable(page)} does not exist; give the report directory of a run (the reporter writes spec-ci/index.html there unless report.dashboard is false)`)
  const ms = values.duration === undefined ? undefined : durationFlag('--duration', values.duration, REPORT_USAGE)
  const p = wholeNumberFlag('--port', values.port, 0, 65535, REPORT_USAGE)
  const server = await startReportServer({ dir, port: p }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' || error.code === 'EACCES') throw new UsageError(`cannot listen on 127.0.0.1:${p}: ${error.code}`)
    throw error
  })
  const url = `${server.origin}spec-ci/index.html`
  out.write(`${url}\n`)
  out.write(`serving ${printable(dir)} (only files under it); Ctrl-C stops\n`)
  if (mode === 'open') out.write(`${await openBrowser(url, env)}\n`)
  const why = await stopSignal(ms)
  await server.close()
  out.write(`stopped (${why})\n`)
  return 0
}
