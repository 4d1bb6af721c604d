import type fc from 'fast-check'
import type { OtlpCaptureEndpoint } from '../otlp/capture-endpoint.ts'
import type { SpecModel } from '../spec-model/types.ts'

/** What the suite hands the implementation factory for each run. */
export interface ImplementationContext<Event = object> {
  /** Report every trace event the implementation produces, in the order it produces them. */
  emit(event: Event): void
  /**
   * Await this at the implementation's I/O points (before a read or write of shared state). In the
   * concurrency property it is a task of `fc.scheduler`, so fast-check chooses how concurrent calls
   * interleave; elsewhere it resolves at once.
   */
  io(): Promise<void>
  /**
   * During a live capture (`conformance.live`), where to export the implementation's spans over
   * OTLP/HTTP; otherwise absent.
   */
  otlp?: OtlpCaptureEndpoint
}

/** Builds a fresh implementation for one run. */
export type ImplementationFactory<Impl, Event = object> = (context: ImplementationContext<Event>) => Impl | Promise<Impl>

/** What a spec's property model needs to build its properties. */
export interface PropertyBuildContext<Impl> {
  spec: SpecModel
  /** The spec's options, resolved (e.g. `{ maxRetries: 3 }`). */
  specOptions: object
  implementation: ImplementationFactory<Impl>
  /** Longest command sequence per run. */
  maxCommands: number
  /** Clients issuing operations at once in the concurrent property. */
  clients: number
  /** Longest operation sequence of one client in the concurrent property. */
  operationsPerClient: number
}

/** One property of a suite: a stable test name and the fast-check property behind it. */
export interface NamedProperty {
  name: string
  property: fc.IAsyncProperty<any>
}

/**
 * The command set of a spec: which actions exist, how the model predicts their results, and which
 * properties follow. `names` must not depend on anything but the spec, so test names are the same in
 * every run and can be listed without running anything.
 */
export interface SpecPropertyModel<Impl = any> {
  /** Test names, in declaration order. */
  names(spec: SpecModel): string[]
  properties(context: PropertyBuildContext<Impl>): NamedProperty[]
}
