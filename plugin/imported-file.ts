import path from 'node:path'

/**
 * The absolute file a plain import names, for the plugins that turn input files (traces, contracts,
 * features) into test modules; `undefined` for ids that already carry a query or are virtual, so an id
 * one of them produced is never claimed again.
 */
export function importedFile(source: string, importer: string | undefined): string | undefined {
  if (source.includes('?') || source.startsWith('\0')) return undefined
  if (path.isAbsolute(source)) return source
  return importer ? path.resolve(path.dirname(importer), source) : undefined
}
