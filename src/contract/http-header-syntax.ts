/**
 * What HTTP allows in a header (RFC 9110 §5.1, §5.5; what `fetch`'s `Headers` accepts): a name is a
 * token, a value has no CR, LF or NUL and only characters up to U+00FF (a ByteString). A contract header
 * outside these can never be sent, nor received as written.
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** Why `name: value` cannot be an HTTP header, or undefined when it can. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `header name ${JSON.stringify(name)} is not an HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only)`
  const bad = [...value].findIndex((c) => c === '\r' || c === '\n' || c === '\0' || c.codePointAt(0)! > 0xff)
  if (bad >= 0) {
    const c = [...value][bad]!
    const shown = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    return `header ${JSON.stringify(name)} has a value with ${shown} at character ${bad + 1}, which HTTP does not allow (no CR, LF or NUL, and nothing above U+00FF: encode it, e.g. as RFC 8187 or percent-encoding)`
  }
  return undefined
}

/**
 * A value folded over lines (obs-fold: a line break followed by spaces or tabs, RFC 9110 §5.5), as
 * Pact's compliance cases write long `Content-Type` values: each fold is one space, as a recipient reads it.
 */
export function unfoldHeaderValue(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ')
}
