import type { AddressInfo } from 'node:net'
import { captureEndpointFromEnv } from '../src/otlp/capture-endpoint.ts'
import type { OtlpCaptureEndpoint } from '../src/otlp/capture-endpoint.ts'
import { withTimeout } from './contract-timeout.ts'

/** A started provider: where to send requests, and how to stop it. */
export interface RunningProvider {
  baseUrl: string
  stop(): Promise<void>
}

interface ServerLike {
  listening: boolean
  address(): AddressInfo | string | null
  listen(port: number, host: string): unknown
  close(callback?: (error?: Error) => void): unknown
  once(event: string, listener: (...args: unknown[]) => void): unknown
  off(event: string, listener: (...args: unknown[]) => void): unknown
  closeAllConnections?(): void
}

/** What a provider module's start function is given: where to listen, and during a live capture where to export spans. */
export interface StartOptions {
  host: string
  port: number
  /** During a live capture (`conformance.live`), the receiver's OTLP/HTTP endpoint (also in `OTEL_EXPORTER_OTLP_*`); otherwise absent. */
  otlp?: OtlpCaptureEndpoint
}

export type StartFunction = (options: StartOptions) => unknown

const HOST = '127.0.0.1'

function startOptions(): StartOptions {
  const otlp = captureEndpointFromEnv()
  return otlp ? { host: HOST, port: 0, otlp } : { host: HOST, port: 0 }
}

function isServer(value: unknown): value is ServerLike {
  return value !== null && typeof value === 'object' && typeof (value as ServerLike).address === 'function' && typeof (value as ServerLike).listen === 'function'
}

/** Listens on 127.0.0.1, port 0, unless the start function already called `listen` itself. */
async function untilListening(server: ServerLike): Promise<void> {
  if (server.listening) return
  await new Promise<void>((resolve, reject) => {
    const onError = (error: unknown) => {
      server.off('listening', onListening)
      reject(error)
    }
    const onListening = () => {
      server.off('error', onError)
      resolve()
    }
    server.once('listening', onListening)
    server.once('error', onError)
    try {
      server.listen(0, HOST)
    } catch (error) {
      // `listen` was already called by the start function and is pending: just wait for it.
      if ((error as { code?: string }).code !== 'ERR_SERVER_ALREADY_LISTEN') onError(error)
    }
  })
}

function closeServer(server: ServerLike): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    // Keep-alive connections of the HTTP client would otherwise hold `close` open.
    server.closeAllConnections?.()
  })
}

/** The start function of a provider module: its default export, or its export `start`. */
export function startFunctionOf(module: Record<string, unknown>, moduleName: string): StartFunction {
  const candidate = typeof module.default === 'function' ? module.default : module.start
  if (typeof candidate !== 'function')
    throw new Error(`${moduleName} must export a function that starts the provider, as its default export or as "start" (it exports: ${Object.keys(module).join(', ') || 'nothing'})`)
  return candidate as StartFunction
}

/** Starts the provider through its module and waits until it listens. */
export async function startProvider(start: StartFunction, moduleName: string, timeoutMs: number): Promise<RunningProvider> {
  const started = await withTimeout(Promise.resolve(start(startOptions())), timeoutMs, `the start function of ${moduleName}`)
  if (isServer(started)) {
    await withTimeout(untilListening(started), timeoutMs, `listening of the server returned by ${moduleName}`)
    const address = started.address()
    if (address === null || typeof address === 'string') throw new Error(`the server returned by ${moduleName} does not listen on a TCP port (address: ${JSON.stringify(address)})`)
    const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address
    return { baseUrl: `http://${host}:${address.port}`, stop: () => closeServer(started) }
  }
  const custom = started as { url?: unknown; close?: unknown } | null
  if (custom && typeof custom.url === 'string' && typeof custom.close === 'function') {
    const close = custom.close as () => unknown
    return { baseUrl: custom.url.replace(/\/+$/, ''), stop: async () => void (await close.call(custom)) }
  }
  throw new Error(`the start function of ${moduleName} must return a node:http Server or { url, close }, but returned ${started === null ? 'null' : typeof started}`)
}
