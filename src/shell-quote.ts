/** `value` as one word of a POSIX shell command: as is when it holds only safe characters, else in single quotes. */
export function shellQuote(value: string): string {
  return /^[\w./:@-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`
}
