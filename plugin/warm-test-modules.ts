import type { Reporter, TestSpecification, VitestPluginContext } from 'vitest/node'

/** Marks the run-start listener among the run's reporters (it prints and writes nothing). */
export const MODULE_WARMUP = Symbol.for('vitest-spec-ci.module-warmup')

/**
 * Transforms a project's test modules in the main process before its worker asks for them.
 *
 * Why: with one worker and no isolation, Vitest hands the worker every file at once, and the worker
 * imports them one after the other: for each, it asks the main process for the module and waits while
 * Vite resolves, loads and transforms it, and the main process then waits while the worker runs the
 * file. Each side is idle about half the time (1,000 small traces: ~2 ms a file). Transforming the next
 * modules while the worker runs the current one uses that idle time; the worker's request then finds the
 * module in Vite's module graph (or joins the transform already under way): the same code either way.
 *
 * The run's specifications of `project` are noted when the run starts (a listener among the run's
 * reporters: Vitest's only run-start event a plugin can have), and transformed from the first time the
 * plugin loads one of the project's modules in that run ({@link TestModuleWarmup.begin}): by then the
 * project's own group runs, so an earlier group (which may write files a module is rendered from, such as
 * a sidecar) has finished, as it had when the worker asked. They are transformed in the order Vitest
 * listed them, one at a time, yielding to the event loop before each, so the worker's requests are served
 * in between. A transform that fails is left for the worker's own request to fail with (Vite does not
 * keep a failed transform), so its error is reported once, where it always was. A new run (watch mode)
 * or the end of Vitest stops the previous pass.
 */
export class TestModuleWarmup {
  private pass = 0
  private waiting: readonly string[] = []
  private readonly project: VitestPluginContext['project']

  /** `warms` says which test files to transform: never one whose module waits on something else. */
  constructor(
    { vitest, project }: Pick<VitestPluginContext, 'vitest' | 'project'>,
    private readonly warms: (moduleId: string) => boolean,
  ) {
    this.project = project
    vitest.onClose(() => {
      this.pass++
      this.waiting = []
    })
    const listener: Reporter & { [MODULE_WARMUP]: true } = {
      [MODULE_WARMUP]: true,
      onTestRunStart: (specifications: ReadonlyArray<TestSpecification>) => {
        this.pass++
        this.waiting = specifications.filter((spec) => spec.project.name === project.name && spec.pool !== 'browser' && this.warms(spec.moduleId)).map((spec) => spec.moduleId)
      },
    }
    vitest.config.reporters.push(listener)
  }

  /** The plugin loads a module of the project: the run's pass starts, once. */
  begin(): void {
    if (this.waiting.length === 0) return
    const modules = this.waiting
    this.waiting = []
    const pass = this.pass
    void this.transformEach(modules, () => pass !== this.pass)
  }

  private async transformEach(modules: readonly string[], stopped: () => boolean): Promise<void> {
    for (const moduleId of modules) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (stopped()) return
      await this.project.vite.environments.ssr?.transformRequest(moduleId).catch(() => undefined)
    }
  }
}
