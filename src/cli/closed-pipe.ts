/**
 * `spec-ci … | head`: once the reader has gone, writes to stdout fail with EPIPE, which Node raises as an
 * unhandled 'error' event (a stack trace, exit 1). Here EPIPE is taken as "nobody reads this any more":
 * later output is dropped quietly and the command runs to its end, so reports are still written and the
 * exit code is the command's own. Any other stream error is raised as before.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}
