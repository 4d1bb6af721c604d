/** A trace file that cannot be opened or read at all (missing, a directory, no permission). Names the file. */
export class TraceReadError extends Error {
  override name = 'TraceReadError'
}
