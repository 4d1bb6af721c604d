/**
 * Characters that must not reach a terminal or a CI log raw: C0 controls and DEL, C1 controls, and the
 * Unicode line and paragraph separators. A line break in a file name would start a new log line, which
 * GitHub Actions runs as a workflow command when it begins with `::`; an ESC starts a terminal sequence.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escapeOne(c: string): string {
  const named = NAMED[c]
  if (named) return named
  const code = c.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`
}

/**
 * Text from an input (a file name, a key, a message quoting a line) made safe to print on one line:
 * `\n`, `\r`, `\t` become `\n`, `\r`, `\t` written out; other C0/C1 controls and DEL become `\xNN`;
 * U+2028 and U+2029 become `\u{2028}`, `\u{2029}`. Everything else, backslashes included, is kept as
 * it is, so escaping twice changes nothing; the result is for people to read, not to decode.
 */
export function printable(text: string): string {
  UNPRINTABLE.lastIndex = 0
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE, escapeOne) : text
}

/** Whether `text` holds a character {@link printable} would escape. */
export function hasUnprintable(text: string): boolean {
  UNPRINTABLE.lastIndex = 0
  return UNPRINTABLE.test(text)
}

/** `text` with each character {@link printable} would escape replaced by `by` (for names of files we write). */
export function replaceUnprintable(text: string, by: string): string {
  return text.replace(UNPRINTABLE, by)
}
