import type { AttachOptions } from '../src/bdd/attachment.ts'

/** What `attach` accepts: text, bytes, or a readable stream (read to the end first). */
export type AttachData = string | Uint8Array | NodeJS.ReadableStream

export type AttachFunction = (data: AttachData, mediaTypeOrOptions?: string | AttachOptions) => void | Promise<void>

/** What the harness passes a World constructor (cucumber-js's `IWorldOptions`). */
export interface IWorldOptions<Parameters = unknown> {
  attach: AttachFunction
  log: (text: string) => void | Promise<void>
  link: (...urls: string[]) => void | Promise<void>
  parameters: Parameters
}

/**
 * The default world, one per scenario (and per retry attempt). `attach`, `log`, `link` and
 * `parameters` are not enumerable, so `Object.keys(world)` lists only what the steps put there.
 * Subclass it and pass the subclass to `setWorldConstructor`; call `super(options)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class World<Parameters = any> {
  declare readonly attach: AttachFunction
  declare readonly log: IWorldOptions['log']
  declare readonly link: IWorldOptions['link']
  declare readonly parameters: Parameters

  constructor(options: IWorldOptions<Parameters>) {
    for (const key of ['attach', 'log', 'link', 'parameters'] as const)
      Object.defineProperty(this, key, { value: options?.[key], enumerable: false, writable: true, configurable: true })
  }
}

/** Reads a stream to the end (cucumber-js's `attach(stream, mediaType)`). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of stream as AsyncIterable<string | Buffer>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}
