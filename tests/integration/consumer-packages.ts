import { spawn } from 'node:child_process'
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fixturesDir } from './run-fixture.ts'
import { repoRoot } from './run-cli.ts'

/** The template every consumer is made from: inputs of each kind, the README's config, a file importing every subpath. */
const template = path.join(fixturesDir, 'consumer-install')

export interface CommandResult {
  code: number | null
  output: string
}

/** `command args` in `cwd`, stdout and stderr together, outside this Vitest run's environment. */
export function run(command: string, args: string[], cwd: string, timeoutMs = 180_000): Promise<CommandResult> {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }
  // The outer Vitest marks its workers; a consumer's Vitest must not think it is one of them.
  for (const key of Object.keys(env)) if (key.startsWith('VITEST') || key === 'TEST' || key === 'NODE_ENV') delete env[key]
  delete env.GITHUB_ACTIONS
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

async function succeed(command: string, args: string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}): exit ${result.code}\n${result.output}`)
  return result.output
}

/** `pnpm pack` of this repository (its dist/ must be built) into `dir`; the tarball's path. */
export async function packPackage(dir: string): Promise<string> {
  if (!existsSync(path.join(repoRoot, 'dist/plugin/index.js'))) throw new Error('dist/ is not built: run pnpm build first')
  await succeed('pnpm', ['pack', '--pack-destination', dir], repoRoot)
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${dir}`)
  return path.join(dir, tarball)
}

export interface ConsumerOptions {
  tarball: string
  /** What is installed beside the tarball, e.g. `vitest@4.1.12`; none: the package alone, its peers not installed. */
  dependencies: string[]
  /** `"type": "module"` in package.json; without it a `.ts` config is bundled as CommonJS. */
  esm: boolean
  /** The pnpm store of this machine, so every consumer install links the same files. */
  storeDir: string
}

/**
 * A consumer as a user makes one: `pnpm init`, the inputs, then `pnpm add -D` of the tarball and its
 * dependencies. The config is there as vitest.config.ts and vitest.config.mts.
 */
export async function makeConsumer(dir: string, options: ConsumerOptions): Promise<void> {
  await succeed('pnpm', ['init'], dir)
  const manifestFile = path.join(dir, 'package.json')
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>
  if ('type' in manifest) throw new Error(`pnpm init wrote "type": ${JSON.stringify(manifest.type)}; the consumer without "type" would not be one`)
  if (options.esm) writeFileSync(manifestFile, `${JSON.stringify({ ...manifest, type: 'module' }, null, 2)}\n`)
  cpSync(template, dir, { recursive: true, filter: (from) => !/[\\/](node_modules|hermetic-reports)$/.test(from) })
  cpSync(path.join(dir, 'vitest.config.ts'), path.join(dir, 'vitest.config.mts'))
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      // A package without "type": NodeNext reads the config as CommonJS importing an ES module (its types
      // come from the `types` condition); with "type": "module", the bundler resolution of Vite's templates.
      ...(options.esm ? { module: 'ESNext', moduleResolution: 'Bundler' } : { module: 'NodeNext', moduleResolution: 'NodeNext' }),
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      allowImportingTsExtensions: true,
      types: ['node'],
    },
    include: ['*.ts', '*.mts', 'specs', 'steps', 'property', 'provider'],
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`)
  const peers = options.dependencies.length > 0 ? [] : ['--config.auto-install-peers=false']
  await succeed('pnpm', ['add', '-D', '--prefer-offline', '--store-dir', options.storeDir, ...peers, options.tarball, ...options.dependencies], dir)
}

/** The store `pnpm install` in this repository uses. */
export async function pnpmStoreDir(): Promise<string> {
  return (await succeed('pnpm', ['store', 'path'], repoRoot)).trim()
}

export interface ProjectRun {
  code: number | null
  output: string
  /** Test files that ran, relative to the consumer, and the passed / failed test counts. */
  files: string[]
  passed: number
  failed: number
  titles: string[]
}

/** `vitest run --project <project>` with a JSON report, in the consumer `dir`. */
export async function runProject(dir: string, project: string, config: string): Promise<ProjectRun> {
  const reportFile = path.join(dir, `results-${project}.json`)
  const result = await run(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config, '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`], dir)
  if (!existsSync(reportFile)) return { ...result, files: [], passed: 0, failed: 0, titles: [] }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    testResults: Array<{ name: string; assertionResults: Array<{ title: string }> }>
  }
  return {
    ...result,
    files: report.testResults.map((t) => path.relative(dir, t.name).split(path.sep).join('/')).sort(),
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    titles: report.testResults.flatMap((t) => t.assertionResults.map((a) => a.title)),
  }
}

/** `vitest list --json=<file>`: each test's project, or the failure's output. */
export async function listTests(dir: string, config: string): Promise<{ code: number | null; output: string; projects: Record<string, number> }> {
  const listFile = path.join(dir, `list-${config}.json`)
  const result = await run(process.execPath, [path.join(dir, 'node_modules/vitest/vitest.mjs'), 'list', '--config', config, `--json=${listFile}`], dir)
  const projects: Record<string, number> = {}
  if (existsSync(listFile)) for (const t of JSON.parse(readFileSync(listFile, 'utf8')) as Array<{ projectName: string }>) projects[t.projectName] = (projects[t.projectName] ?? 0) + 1
  return { ...result, projects }
}
